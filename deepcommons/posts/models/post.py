"""Post, its kinds, statuses and series: every piece of content is a Post row."""

from __future__ import annotations

import math
import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user
from deepcommons.posts.querysets import PostQuerySet
from deepcommons.spaces.moderation import ModeratorPowers, moderator_powers

TITLE_MAX = 150
BODY_MAX = 40_000
COMMENT_MAX = 600
# Edits to a comment within this time of posting show no "edited" mark.
COMMENT_EDIT_GRACE = timedelta(minutes=5)
SUMMARY_MAX = 300
# Seconds of age worth one order of magnitude of score in the hot formula.
HOT_GRAVITY_SECONDS = 45_000
HOT_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def hot_score(score: int, created_at: datetime) -> float:
    """sign(s)·log10(max(|s|, 1)) + (created − 2024-01-01) / 45,000 s. See docs/content.md."""
    order = math.log10(max(abs(score), 1))
    sign = (score > 0) - (score < 0)
    return round(sign * order + (created_at - HOT_EPOCH).total_seconds() / HOT_GRAVITY_SECONDS, 7)


def reading_minutes(text: str) -> int:
    """Minutes to read: 230 English words or 400 Chinese characters per minute, at least 1."""
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    words = len(re.findall(r"[A-Za-z0-9_]+", text))
    return max(1, round(words / 230 + cjk / 400))


def cover_path(instance: Post, filename: str) -> str:
    return f"covers/{secrets.token_hex(8)}.webp"


class Kind(models.TextChoices):
    QUESTION = "question", _("Question")
    ANSWER = "answer", _("Answer")
    DISCUSSION = "discussion", _("Discussion")
    REPLY = "reply", _("Reply")
    ARTICLE = "article", _("Article")
    TUTORIAL = "tutorial", _("Tutorial")


TOP_LEVEL_KINDS = (Kind.QUESTION, Kind.DISCUSSION, Kind.ARTICLE, Kind.TUTORIAL)
# Kinds voted up and down; the others only take likes (+1).
UPDOWN_KINDS = (Kind.QUESTION, Kind.ANSWER)
COMMENTABLE_KINDS = (Kind.QUESTION, Kind.ANSWER, Kind.ARTICLE, Kind.TUTORIAL)
CHILD_KIND = {Kind.QUESTION: Kind.ANSWER, Kind.DISCUSSION: Kind.REPLY}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    # Waiting for review (screening, auto-hide): only its author and the
    # post's moderators see it; lists, search, feeds and counts leave it out.
    HELD = "held", _("Awaiting review")


class CloseReason(models.TextChoices):
    DUPLICATE = "duplicate", _("Duplicate")
    OFF_TOPIC = "off-topic", _("Off-topic")
    NEEDS_DETAILS = "needs-details", _("Needs details or clarity")
    OPINION_BASED = "opinion-based", _("Opinion-based")


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Series(models.Model):
    """An ordered run of articles, or the parts of a tutorial."""

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="series"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("posts:series-detail", kwargs={"series_id": self.pk})


class Post(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="posts"
    )
    # Answer → question, reply → discussion.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    # A reply quoting an earlier reply.
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by"
    )
    space = models.ForeignKey(
        "spaces.Space", null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    tags = models.ManyToManyField("spaces.Tag", blank=True, related_name="posts")
    title = models.CharField(_("title"), max_length=TITLE_MAX, blank=True)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX, blank=True)
    body = models.TextField(_("body"), max_length=BODY_MAX)
    body_html = models.TextField(editable=False, blank=True)
    cover = models.ImageField(_("cover image"), upload_to=cover_path, blank=True)
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    series_position = models.PositiveIntegerField(default=0)
    difficulty = models.CharField(
        _("difficulty"), max_length=12, choices=Difficulty.choices, blank=True
    )
    prerequisites = models.TextField(_("prerequisites"), blank=True, max_length=2000)
    accepted_answer = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.IntegerField(default=0, editable=False)
    upvotes = models.PositiveIntegerField(default=0, editable=False)
    downvotes = models.PositiveIntegerField(default=0, editable=False)
    answer_count = models.PositiveIntegerField(default=0, editable=False)
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    bookmark_count = models.PositiveIntegerField(default=0, editable=False)
    view_count = models.PositiveIntegerField(default=0, editable=False)
    revision_count = models.PositiveIntegerField(default=0, editable=False)
    hot = models.FloatField(default=0, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Moderation state, changed only by posts.services.moderation.
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(
        _("close reason"), max_length=16, choices=CloseReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    pinned_at = models.DateTimeField(null=True, blank=True)
    featured_at = models.DateTimeField(null=True, blank=True)
    # A question merged into another: its URL redirects there.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hold_reason = models.CharField(_("hold reason"), max_length=200, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["kind", "-created_at", "-id"], name="post_kind_latest"),
            models.Index(fields=["kind", "-last_activity_at", "-id"], name="post_kind_active"),
            models.Index(fields=["kind", "-hot", "-id"], name="post_kind_hot"),
            models.Index(fields=["kind", "-score", "-id"], name="post_kind_top"),
            models.Index(fields=["parent", "kind"], name="post_parent"),
            models.Index(fields=["space", "kind", "-created_at"], name="post_space_latest"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        if self.kind == Kind.ANSWER:
            return f"{self.parent_url()}#answer-{self.pk}"
        if self.kind == Kind.REPLY:
            return f"{self.parent_url()}#reply-{self.pk}"
        return reverse(f"posts:{self.kind}-detail", kwargs={"post_id": self.pk})

    def parent_url(self) -> str:
        kind = "question" if self.kind == Kind.ANSWER else "discussion"
        return reverse(f"posts:{kind}-detail", kwargs={"post_id": self.parent_id})

    # --- what it is ------------------------------------------------------
    @property
    def is_top_level(self) -> bool:
        return self.kind in TOP_LEVEL_KINDS

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_held(self) -> bool:
        return self.status == Status.HELD

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_pinned(self) -> bool:
        return self.pinned_at is not None

    @property
    def is_featured(self) -> bool:
        return self.featured_at is not None

    @property
    def takes_downvotes(self) -> bool:
        return self.kind in UPDOWN_KINDS

    @property
    def takes_comments(self) -> bool:
        return self.kind in COMMENTABLE_KINDS

    @property
    def thread(self) -> Post:
        """The top-level post this one belongs to (itself when top-level)."""
        return self.parent if self.parent_id and self.parent else self

    @property
    def thread_space_id(self) -> int | None:
        """The space whose moderators look after this post: answers and replies
        live in their question's or discussion's space (reads `parent`)."""
        if self.parent_id is None:
            return self.space_id
        return self.parent.space_id if self.parent is not None else None

    # --- who may do what -------------------------------------------------
    # `is_moderator`, where a method takes it, means "moderates this post" (a
    # site moderator, or a moderator of its space); pass it when known, as
    # pages do for every row from one query, or leave it to be looked up.
    def is_moderated_by(self, user: Any, *, powers: ModeratorPowers | None = None) -> bool:
        if user is None or not user.is_authenticated:
            return False
        if powers is None:
            powers = moderator_powers(user)
        if powers.site:
            return True
        return bool(powers.space_ids) and powers.covers(self.thread_space_id)

    def is_visible_to(self, user: Any, *, is_moderator: bool | None = None) -> bool:
        if user is not None and user.is_authenticated and user.pk == self.author_id:
            return True
        if self.is_draft:
            return False
        if not self.is_deleted and not self.is_held:
            return True
        if user is None or not user.is_authenticated:
            return False
        return self.is_moderated_by(user) if is_moderator is None else is_moderator

    def can_be_edited_by(self, user: Any, *, is_moderator: bool | None = None) -> bool:
        """Directly, without review: the author and moderators of the post, and
        members with the `edit_without_review` privilege (not drafts, which
        only authors see). A locked post only by its moderators."""
        if not user.is_authenticated or self.is_deleted:
            return False
        if self.is_locked:
            return self.is_moderated_by(user) if is_moderator is None else is_moderator
        if user.pk == self.author_id:
            return True
        if self.is_draft:
            return False
        if self.is_moderated_by(user) if is_moderator is None else is_moderator:
            return True
        return not self.is_held and user.can_edit_without_review()

    def can_take_suggested_edit_from(self, user: Any) -> bool:
        """Whether `user` may propose an edit for review (others' live, public posts)."""
        return bool(
            user.is_authenticated
            and user.pk != self.author_id
            and self.status == Status.PUBLISHED
            and not self.is_deleted
            and not self.is_locked
        )

    def can_be_commented_by(self, user: Any) -> bool:
        """Own posts and answers to one's own question always; elsewhere the
        `comment` privilege (moderators hold every privilege)."""
        if not user.is_authenticated:
            return False
        if user.pk == self.author_id:
            return True
        if self.parent_id is not None and self.parent and self.parent.author_id == user.pk:
            return True
        return bool(user.can_comment_everywhere())

    def can_be_answered(self) -> bool:
        return not (self.is_closed or self.is_locked or self.is_deleted or self.is_draft)

    def can_be_deleted_by(self, user: Any, *, is_moderator: bool | None = None) -> bool:
        if not user.is_authenticated:
            return False
        if user.pk == self.author_id:
            return True
        return self.is_moderated_by(user) if is_moderator is None else is_moderator

    def can_be_voted_by(self, user: Any) -> bool:
        return bool(
            user.is_authenticated
            and user.pk != self.author_id
            and not self.is_deleted
            and self.status == Status.PUBLISHED
        )

    def can_accept_answers(self, user: Any) -> bool:
        return bool(
            self.kind == Kind.QUESTION
            and user.is_authenticated
            and user.pk == self.author_id
            and not self.is_deleted
        )
