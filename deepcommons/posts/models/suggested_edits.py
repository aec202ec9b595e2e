"""Edits of others' posts proposed by members without the `edit_without_review`
privilege, waiting for a reviewer (posts.services.suggested_edits)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user
from deepcommons.posts.models.post import BODY_MAX, TITLE_MAX, Post


class SuggestedEditStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class SuggestedEditQuerySet(models.QuerySet["SuggestedEdit"]):
    def pending(self) -> SuggestedEditQuerySet:
        """Waiting for review, on posts that are still live, oldest first."""
        return self.filter(
            status=SuggestedEditStatus.PENDING, post__deleted_at__isnull=True
        ).order_by("created_at", "pk")

    def for_post(self, post: Post) -> SuggestedEditQuerySet:
        return self.filter(post=post)


class SuggestedEdit(models.Model):
    """A proposed title, body and tags for `post`; applied as a revision by
    `proposer` when a reviewer approves it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="suggested_edits")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET(get_deleted_user),
        related_name="suggested_edits",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX, blank=True)
    body = models.TextField(_("body"), max_length=BODY_MAX)
    tags = models.JSONField(default=list, blank=True)
    comment = models.CharField(_("edit summary"), max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=SuggestedEditStatus.choices, default=SuggestedEditStatus.PENDING
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Why a reviewer rejected it, shown to the proposer.
    review_note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SuggestedEditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "proposer"],
                condition=models.Q(status="pending"),
                name="posts_suggested_edit_one_pending",
            )
        ]
        verbose_name = _("suggested edit")
        verbose_name_plural = _("suggested edits")

    def __str__(self) -> str:
        return f"{self.proposer_id} → {self.post_id} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == SuggestedEditStatus.PENDING

    def can_be_reviewed_by(self, user: object) -> bool:
        """Members who edit without review, and moderators of the post; never the proposer."""
        if not getattr(user, "is_authenticated", False) or user.pk == self.proposer_id:  # type: ignore[attr-defined]
            return False
        return bool(
            user.can_edit_without_review() or self.post.is_moderated_by(user)  # type: ignore[attr-defined]
        )
