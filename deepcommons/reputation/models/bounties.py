"""Bounties: reputation offered on a question for a better answer."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BountyStatus(models.TextChoices):
    OPEN = "open", _("open")
    AWARDED = "awarded", _("awarded")
    # Ended with no answer that qualified: the offer is spent, as on Stack Overflow.
    EXPIRED = "expired", _("expired")


class BountyQuerySet(models.QuerySet["Bounty"]):
    def open(self) -> BountyQuerySet:
        return self.filter(status=BountyStatus.OPEN)

    def on_visible_questions(self) -> BountyQuerySet:
        """Bounties whose question anyone may see (published, not deleted)."""
        return self.filter(question__status="published", question__deleted_at__isnull=True)

    def featured(self) -> BountyQuerySet:
        """Open bounties on visible questions, with what the bounties list shows."""
        return (
            self.open()
            .on_visible_questions()
            .select_related("question", "question__author", "question__space", "offered_by")
        )


class Bounty(models.Model):
    question = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="bounties")
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bounties_offered"
    )
    amount = models.PositiveIntegerField(_("amount"))
    status = models.CharField(
        max_length=10, choices=BountyStatus.choices, default=BountyStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    awarded_answer = models.ForeignKey(
        "posts.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    awarded_at = models.DateTimeField(null=True, blank=True)
    # True when the task gave it to the top answer after the grace period.
    awarded_automatically = models.BooleanField(default=False)

    objects = BountyQuerySet.as_manager()

    class Meta:
        ordering = ["ends_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(status="open"),
                name="reputation_one_open_bounty_per_question",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="reputation_bounty_amount"
            ),
        ]
        verbose_name = _("bounty")
        verbose_name_plural = _("bounties")

    def __str__(self) -> str:
        return f"+{self.amount} on {self.question_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == BountyStatus.OPEN

    def remaining(self, now: datetime | None = None) -> timedelta:
        """Time until it ends (zero once ended)."""
        return max(self.ends_at - (now or timezone.now()), timedelta(0))

    def days_left(self, now: datetime | None = None) -> int:
        """Whole days left, rounded up (a bounty ending in 2 hours has 1 day left)."""
        left = self.remaining(now)
        return -(-int(left.total_seconds()) // 86400)

    def in_grace(self, now: datetime | None = None) -> bool:
        """Ended, but the offerer may still award it by hand."""
        return self.is_open and self.remaining(now) == timedelta(0)
