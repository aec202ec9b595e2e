"""Bounties: reputation offered on a question for a better answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BountyStatus(models.TextChoices):
    OPEN = "open", _("open")
    AWARDED = "awarded", _("awarded")
    # Ended with no answer that qualified: the offer is spent, as on Stack Overflow.
    EXPIRED = "expired", _("expired")


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
