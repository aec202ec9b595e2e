from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSIVE = "abusive", _("Rude or abusive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    LOW_QUALITY = "low_quality", _("Low quality")
    DUPLICATE = "duplicate", _("Duplicate")
    ATTENTION = "attention", _("Needs moderator attention")


# Reasons whose flags from trusted members hide a post at once.
HIDING_REASONS = (FlagReason.SPAM, FlagReason.ABUSIVE)


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HELPFUL = "helpful", _("Helpful")
    DECLINED = "declined", _("Declined")


class FlagQuerySet(models.QuerySet["Flag"]):
    def open(self) -> FlagQuerySet:
        return self.filter(status=FlagStatus.OPEN)

    def for_queue(self) -> FlagQuerySet:
        return self.select_related(
            "flagger",
            "post__author",
            "post__parent",
            "comment__author",
            "comment__post",
            "message__sender",
            "user",
            "duplicate_of",
        )

    def on_target(self, **target: object) -> FlagQuerySet:
        """Flags on one target: `post=`, `comment=`, `message=` or `user=`."""
        return self.filter(**target)


class Flag(models.Model):
    """A member's report of a post, comment, private message or user.

    Exactly one of post, comment, message and user is set. A member has at
    most one open flag per target; a moderator marks it helpful or declined."""

    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags_raised"
    )
    post = models.ForeignKey(
        "posts.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    comment = models.ForeignKey(
        "posts.Comment", on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    message = models.ForeignKey(
        "social.Message", on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="flags_received",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=FlagReason.choices)
    text = models.TextField(_("details"), max_length=2000, blank=True)
    duplicate_of = models.ForeignKey(
        "posts.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("original question"),
    )
    # What the target said when it was flagged: messages stay private, and
    # posts can be edited or deleted afterwards.
    snapshot = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handler_note = models.CharField(max_length=500, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        post__isnull=False,
                        comment__isnull=True,
                        message__isnull=True,
                        user__isnull=True,
                    )
                    | Q(
                        post__isnull=True,
                        comment__isnull=False,
                        message__isnull=True,
                        user__isnull=True,
                    )
                    | Q(
                        post__isnull=True,
                        comment__isnull=True,
                        message__isnull=False,
                        user__isnull=True,
                    )
                    | Q(
                        post__isnull=True,
                        comment__isnull=True,
                        message__isnull=True,
                        user__isnull=False,
                    )
                ),
                name="moderation_flag_one_target",
            ),
            *[
                models.UniqueConstraint(
                    fields=["flagger", field],
                    condition=Q(status="open"),
                    name=f"moderation_flag_open_{field}",
                )
                for field in ("post", "comment", "message", "user")
            ],
        ]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self) -> str:
        return f"{self.reason} flag #{self.pk}"

    @property
    def target(self) -> models.Model:
        return self.post or self.comment or self.message or self.user  # type: ignore[return-value]

    @property
    def target_kind(self) -> str:
        for name in ("post", "comment", "message", "user"):
            if getattr(self, f"{name}_id"):
                return name
        return ""

    @property
    def is_open(self) -> bool:
        return self.status == FlagStatus.OPEN


class FlaggerRecord(models.Model):
    """How a member's flags were judged: shown to moderators next to each flag."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="flagger_record",
    )
    helpful = models.PositiveIntegerField(_("helpful flags"), default=0)
    declined = models.PositiveIntegerField(_("declined flags"), default=0)

    class Meta:
        verbose_name = _("flagger record")
        verbose_name_plural = _("flagger records")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.helpful}/{self.declined}"
