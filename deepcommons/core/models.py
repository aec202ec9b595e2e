from __future__ import annotations

from django.db import models
from django.utils import timezone


class DemoState(models.Model):
    """One row that remembers whether the demo community was loaded."""

    loaded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"demo loaded at {self.loaded_at}"

    def mark_loaded(self) -> None:
        self.loaded_at = timezone.now()
        self.save(update_fields=["loaded_at"])


class CacheVersion(models.Model):
    """A counter per cached area (a thread, all lists).

    Writers bump it in the same transaction as their change; cached HTML is
    keyed by it (see `deepcommons.core.pagecache`), so a change makes every
    copy stale at once in every process, whatever the cache backend.
    """

    name = models.CharField(max_length=100, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"
