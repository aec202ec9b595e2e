"""The ledger: every change to a member's reputation is one row.

A member's total is `1 + sum(amount)` over their rows, cached in
`User.reputation` and moved with `F()` in the transaction that writes the
row. Rows are never edited or deleted: taking something back inserts its
negation (`undo_of` points at the row it cancels) and marks the original
`reversed`, so the history stays auditable and `manage.py reputation
recompute` can rebuild every total.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.reputation.querysets import ReputationChangeQuerySet


class Reason(models.TextChoices):
    UPVOTED = "upvoted", _("upvoted")
    DOWNVOTED = "downvoted", _("downvoted")
    DOWNVOTE_GIVEN = "downvote_given", _("downvoted an answer")
    ACCEPTED = "accepted", _("answer accepted")
    ACCEPT_GIVEN = "accept_given", _("accepted an answer")
    EDIT_APPROVED = "edit_approved", _("suggested edit approved")
    BOUNTY_OFFERED = "bounty_offered", _("bounty offered")
    BOUNTY_AWARDED = "bounty_awarded", _("bounty awarded")
    BOUNTY_REFUNDED = "bounty_refunded", _("bounty refunded")
    ADJUSTED = "adjusted", _("adjusted by a moderator")
    COMPETITION = "competition", _("competition medal")


class Cause(models.TextChoices):
    """Why a row was written: the event itself, or what took it back."""

    EVENT = "", _("event")
    UNDONE = "undone", _("undone")
    DELETED = "deleted", _("post deleted")
    RESTORED = "restored", _("post restored")
    SERIAL_VOTING = "serial_voting", _("serial voting reversed")
    SPAMMER = "spammer", _("spammer destroyed")


# Reasons that count towards the daily cap (Stack Overflow: votes and
# approved edits; accepts and bounties are outside it).
CAPPED_REASONS = (Reason.UPVOTED, Reason.EDIT_APPROVED)


class ReputationChange(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reputation_changes"
    )
    amount = models.IntegerField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    cause = models.CharField(max_length=20, choices=Cause.choices, blank=True, default="")
    # What produced the row: "vote:<post>:<voter>", "accept:<answer>",
    # "bounty:<id>", "edit:<id>". Undoing an event reverses its key's live rows.
    key = models.CharField(max_length=80)
    post = models.ForeignKey(
        "posts.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The post's space and thread, copied so leaderboards per space need no join.
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    undo_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="undone_by"
    )
    reversed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ReputationChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "created_at"], name="reputation_user_time"),
            models.Index(fields=["key"], name="reputation_key"),
            models.Index(fields=["post"], name="reputation_post"),
            models.Index(fields=["space", "created_at"], name="reputation_space_time"),
        ]
        verbose_name = _("reputation change")
        verbose_name_plural = _("reputation changes")

    def __str__(self) -> str:
        return f"{self.user_id} {self.amount:+d} {self.reason}"

    @property
    def is_live_grant(self) -> bool:
        """A row that still counts and may be taken back."""
        return self.undo_of_id is None and not self.reversed
