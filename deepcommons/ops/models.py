"""What the operations console reads: snapshots of each page's computed data.

The models behind the console (growth fits, RFM, BG/NBD, SIR and Bass,
communities) take seconds to minutes on a large community, so they run in a
background task (`ops.services.recompute_snapshots`) and store their results
here; pages read one row and render in milliseconds.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SnapshotQuerySet(models.QuerySet["Snapshot"]):
    def for_page(self, name: str, scope: str = "") -> Snapshot | None:
        return self.filter(name=name, scope=scope).first()


class Snapshot(models.Model):
    """The data one console page shows for one scope, computed at `computed_at`.

    `name` is the page ("overview", "growth", …), `scope` is "" for the whole
    community or "space:<slug>" for one space. `data` holds numbers and
    language-neutral keys only; pages translate the keys when they render, so
    one snapshot serves both languages. A recompute replaces the row in one
    statement inside a transaction, so a killed task leaves the old one.
    """

    name = models.CharField(_("page"), max_length=40)
    scope = models.CharField(_("scope"), max_length=120, blank=True)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)
    duration_seconds = models.FloatField(_("computation time (s)"), default=0.0)
    data: models.JSONField[Any] = models.JSONField(_("data"), default=dict)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [
            models.UniqueConstraint(fields=["name", "scope"], name="ops_snapshot_one_per_scope")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.scope or '*'} at {self.computed_at:%Y-%m-%d %H:%M}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SnapshotRunQuerySet(models.QuerySet["SnapshotRun"]):
    def unfinished(self) -> SnapshotRunQuerySet:
        return self.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])

    def latest_first(self) -> SnapshotRunQuerySet:
        return self.order_by("-created_at", "-pk")


class SnapshotRun(models.Model):
    """One recompute: who asked, how far it got (`step` of `total`), how it ended."""

    created_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    step = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = SnapshotRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("snapshot run")
        verbose_name_plural = _("snapshot runs")

    def __str__(self) -> str:
        return f"run {self.pk} {self.status} {self.step}/{self.total}"

    @property
    def percent(self) -> int:
        return int(100 * self.step / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)
