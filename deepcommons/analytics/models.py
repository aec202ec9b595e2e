"""The activity event log: one row per meaningful action, the data the analytics models read.

Page views are not logged: a visit is one row per user per day
(`services.record_visit`). Rows older than ANALYTICS_RETENTION_DAYS (default
730) are deleted by `manage.py analytics prune`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_RETENTION_DAYS = 730


def retention_days() -> int:
    """How long events are kept, in days (setting ANALYTICS_RETENTION_DAYS, default 730)."""
    return int(getattr(settings, "ANALYTICS_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Visit (one per day)")
    POST = "post", _("Post")
    ANSWER = "answer", _("Answer")
    COMMENT = "comment", _("Comment")
    VOTE = "vote", _("Vote")
    ACCEPT = "accept", _("Accepted answer")
    FOLLOW = "follow", _("Follow")
    MESSAGE = "message", _("Message")
    SEARCH = "search", _("Search")
    EVENT_SIGNUP = "event_signup", _("Event sign-up")


#: Kinds that are an interaction between two people when target_user is set.
INTERACTION_KINDS = (
    ActivityKind.ANSWER,
    ActivityKind.COMMENT,
    ActivityKind.VOTE,
    ActivityKind.ACCEPT,
    ActivityKind.MESSAGE,
)


class ActivityEventQuerySet(models.QuerySet["ActivityEvent"]):
    def between(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> ActivityEventQuerySet:
        """Events with start ≤ occurred_at < end (either bound optional)."""
        qs = self
        if start is not None:
            qs = qs.filter(occurred_at__gte=start)
        if end is not None:
            qs = qs.filter(occurred_at__lt=end)
        return qs

    def of_kind(self, *kinds: str) -> ActivityEventQuerySet:
        return self.filter(kind__in=kinds)

    def expired(
        self, *, now: datetime | None = None, days: int | None = None
    ) -> ActivityEventQuerySet:
        """Events older than the retention period."""
        cutoff = (now or timezone.now()) - timedelta(
            days=retention_days() if days is None else days
        )
        return self.filter(occurred_at__lt=cutoff)


class ActivityEvent(models.Model):
    """`user` did `kind` at `occurred_at`, maybe to `target_user` and/or an object.

    `object_type` is the target object's model label ("posts.post") and
    `object_id` its primary key; `value` is the action's weight (1 unless the
    caller has a better measure, e.g. a vote's +1/−1 is stored as 1 and its
    sign is not analytics' concern).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    object_type = models.CharField(_("object type"), max_length=50, blank=True)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    value = models.FloatField(_("value"), default=1.0)

    objects = ActivityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity event")
        verbose_name_plural = _("activity events")
        indexes = [
            models.Index(fields=["occurred_at"], name="analytics_event_time"),
            models.Index(fields=["user", "occurred_at"], name="analytics_event_user_time"),
            models.Index(fields=["kind", "occurred_at"], name="analytics_event_kind_time"),
            models.Index(
                fields=["object_type", "object_id", "occurred_at"], name="analytics_event_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} at {self.occurred_at:%Y-%m-%d %H:%M}"
