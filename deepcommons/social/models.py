"""Follows, mutes, blocks, notifications, digests and private messages.

Follow and mute targets are generic (`ContentType` + `object_id`): social sits
below spaces and posts, so it cannot hold foreign keys to them, and every later
followable thing (events, courses, papers) works without a migration here.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user
from deepcommons.core.storage import private_storage
from deepcommons.social.querysets import (
    BlockQuerySet,
    ConversationQuerySet,
    FollowQuerySet,
    MuteQuerySet,
    NotificationPreferenceQuerySet,
    NotificationQuerySet,
    ParticipantQuerySet,
)


class Channel(models.TextChoices):
    """How a kind of notification reaches the user by email."""

    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


class TargetLink(models.Model):
    """`user` points at `target` (a user, space, tag or post) through a generic key."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"


class Follow(TargetLink):
    """`user` follows `target` (a user, space, tag, or a post they watch)."""

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="social_follow_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")


class Mute(TargetLink):
    """`user` hides `target` (a user or a space) from their feed and notifications."""

    objects = MuteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="social_mute_unique"
            )
        ]
        verbose_name = _("mute")
        verbose_name_plural = _("mutes")

    def __str__(self) -> str:
        return f"{self.user_id} mutes {self.content_type_id}:{self.object_id}"


class Block(models.Model):
    """`blocked` can no longer message, mention or follow `blocker`."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocked_by"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = BlockQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="social_block_unique")
        ]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Notification(models.Model):
    """Something that happened for `recipient`.

    The target's URL and title are copied into `data` when the notification is
    made, so lists render without loading targets from other apps.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET(get_deleted_user),
        null=True,
        blank=True,
        related_name="+",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(default=dict, blank=True)
    # Repeated events on one target are folded into one row (aggregated
    # notifications): the key names the row, the count says how many.
    dedupe_key = models.CharField(max_length=120, blank=True, default="")
    count = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="social_notification_dedupe",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"]),
            models.Index(fields=["recipient", "read_at"]),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def url(self) -> str:
        return str(self.data.get("url") or reverse("social:notification-list"))

    @property
    def title(self) -> str:
        return str(self.data.get("title") or "")


class NotificationPreference(models.Model):
    """A user's email channel for one kind; without a row the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="social_preference_unique")
        ]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}={self.channel}"


class DigestDelivery(models.Model):
    """One digest email for one user and period; the unique row makes sending idempotent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    period = models.CharField(max_length=10, choices=Channel.choices)
    period_start = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set when nothing was worth sending, so the row is finished but no mail went out.
    skipped = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "period_start"], name="social_digest_unique"
            )
        ]
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")

    def __str__(self) -> str:
        return f"{self.period} digest {self.period_start} for {self.user_id}"

    @property
    def is_done(self) -> bool:
        return self.sent_at is not None or self.skipped


class Conversation(models.Model):
    """A private conversation between 2 and MAX_PARTICIPANTS people."""

    MAX_PARTICIPANTS = 20

    title = models.CharField(_("title"), max_length=120, blank=True)
    is_group = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["created_by", "created_at"])]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("social:conversation-detail", kwargs={"conversation_id": self.pk})

    def can_add_people(self, user: Any) -> bool:
        return bool(user.pk == self.created_by_id)


class Participant(models.Model):
    """A member of a conversation; `last_read_message_id` is the read receipt."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    last_read_message_id = models.BigIntegerField(default=0)

    # Not columns: set on rows read through ParticipantQuerySet.with_unread_counts()
    # and .with_last_message().
    unread: int
    last_body: str | None
    last_sender_id: int | None

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="social_participant_unique"
            )
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    body = models.TextField(_("message"), max_length=20_000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"message {self.pk} in {self.conversation_id}"


def attachment_path(instance: MessageAttachment, filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:10]
    return f"attachments/{instance.message.conversation_id}/{secrets.token_hex(16)}{suffix}"


class MessageAttachment(models.Model):
    """A file sent with a message; readable by the conversation's participants only."""

    MAX_PER_MESSAGE = 5
    MAX_BYTES = 10 * 1024 * 1024

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=300)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    is_image = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse(
            "social:attachment-download",
            kwargs={"conversation_id": self.message.conversation_id, "attachment_id": self.pk},
        )


class MessageReport(models.Model):
    """A participant's report of a message; the text is copied for moderators.

    Moderators read the copy, not the conversation, which stays private.
    """

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    body_snapshot = models.TextField()
    sender_username = models.CharField(max_length=30)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="social_report_unique")
        ]
        verbose_name = _("message report")
        verbose_name_plural = _("message reports")

    def __str__(self) -> str:
        return f"report of message {self.message_id}"


def new_account_age() -> timedelta:
    """Accounts younger than this are "new" for the conversation rate limit."""
    return timedelta(days=getattr(settings, "SOCIAL_NEW_ACCOUNT_DAYS", 7))
