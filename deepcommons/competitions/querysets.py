"""Reads of competitions and submissions as chainable QuerySet methods."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from deepcommons.competitions.models import Competition, Submission  # noqa: F401


class CompetitionQuerySet(models.QuerySet["Competition"]):
    def running(self, now: datetime | None = None) -> CompetitionQuerySet:
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)

    def finished(self, now: datetime | None = None) -> CompetitionQuerySet:
        return self.filter(ends_at__lte=now or timezone.now())

    def upcoming(self, now: datetime | None = None) -> CompetitionQuerySet:
        return self.filter(starts_at__gt=now or timezone.now())


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def counted(self) -> SubmissionQuerySet:
        """Submissions that use up the daily limit: every one that did not fail to score."""
        from deepcommons.competitions.models import Submission

        return self.exclude(status=Submission.Status.ERROR)

    def on_utc_day(self, moment: datetime) -> SubmissionQuerySet:
        from deepcommons.competitions.models import utc_day_start

        start = utc_day_start(moment)
        return self.filter(created_at__gte=start, created_at__lt=start + timedelta(days=1))

    def scored(self) -> SubmissionQuerySet:
        from deepcommons.competitions.models import Submission

        return self.filter(status=Submission.Status.SCORED)
