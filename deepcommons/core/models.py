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
