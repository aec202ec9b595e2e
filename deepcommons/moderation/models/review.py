from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Queue(models.TextChoices):
    FIRST_POSTS = "first_posts", _("First posts")
    LATE_ANSWERS = "late_answers", _("Late answers")
    LOW_QUALITY = "low_quality", _("Low quality")
    SUGGESTED_EDITS = "suggested_edits", _("Suggested edits")
    CLOSE_VOTES = "close_votes", _("Close votes")
    FLAGS = "flags", _("Flags")
    HELD = "held", _("Held posts")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Looks OK")
    EDITED = "edited", _("Edited")
    DELETED = "deleted", _("Deleted")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    EDIT_APPROVED = "edit_approved", _("Edit approved")
    EDIT_REJECTED = "edit_rejected", _("Edit rejected")
    SKIPPED = "skipped", _("No longer needed")


class ReviewItemQuerySet(models.QuerySet["ReviewItem"]):
    def pending(self) -> ReviewItemQuerySet:
        return self.filter(status=ReviewStatus.PENDING)

    def in_queue(self, queue: str) -> ReviewItemQuerySet:
        return self.filter(queue=queue)

    def for_page(self) -> ReviewItemQuerySet:
        return self.select_related("post__author", "post__parent", "post__space")

    def counts(self) -> dict[str, int]:
        """Pending items per queue, in one query."""
        rows = self.pending().values_list("queue").annotate(n=models.Count("pk"))
        return dict(rows)


class ReviewItem(models.Model):
    """A post waiting in one review queue, until a reviewer decides.

    `edit_id` names the posts app's suggested edit for that queue."""

    queue = models.CharField(_("queue"), max_length=20, choices=Queue.choices)
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="review_items")
    edit_id = models.PositiveBigIntegerField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["queue", "post"],
                condition=Q(status="pending", edit_id__isnull=True),
                name="moderation_review_pending_once",
            ),
            models.UniqueConstraint(
                fields=["queue", "edit_id"],
                condition=Q(status="pending", edit_id__isnull=False),
                name="moderation_review_edit_once",
            ),
        ]
        indexes = [models.Index(fields=["queue", "status", "-created_at"], name="moderation_queue")]
        verbose_name = _("review item")
        verbose_name_plural = _("review items")

    def __str__(self) -> str:
        return f"{self.queue} #{self.post_id}"

    @property
    def is_pending(self) -> bool:
        return self.status == ReviewStatus.PENDING


class CloseReason(models.TextChoices):
    """The same values as posts' close reasons (posts.models.CloseReason)."""

    DUPLICATE = "duplicate", _("Duplicate")
    OFF_TOPIC = "off-topic", _("Off-topic")
    NEEDS_DETAILS = "needs-details", _("Needs details or clarity")
    OPINION_BASED = "opinion-based", _("Opinion-based")


class VoteKind(models.TextChoices):
    CLOSE = "close", _("Close")
    REOPEN = "reopen", _("Reopen")


class CloseVoteQuerySet(models.QuerySet["CloseVote"]):
    def active(self) -> CloseVoteQuerySet:
        return self.filter(spent=False)


class CloseVote(models.Model):
    """One member's vote to close (or reopen) a question.

    Votes count until the post changes state; then they are spent, so the
    next round starts from zero."""

    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="close_votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="close_votes"
    )
    kind = models.CharField(max_length=6, choices=VoteKind.choices, default=VoteKind.CLOSE)
    reason = models.CharField(_("reason"), max_length=16, blank=True)
    duplicate_of = models.ForeignKey(
        "posts.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    spent = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CloseVoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "voter", "kind"],
                condition=Q(spent=False),
                name="moderation_close_vote_once",
            )
        ]
        verbose_name = _("close vote")
        verbose_name_plural = _("close votes")

    def __str__(self) -> str:
        return f"{self.kind} vote on {self.post_id}"
