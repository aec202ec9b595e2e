"""What members do to posts: votes, bookmarks, comments, revisions, drafts,
read marks, and the buffered view counts."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user
from deepcommons.posts.models.post import BODY_MAX, COMMENT_MAX, TITLE_MAX, Post


class Vote(models.Model):
    """One per user and post: +1 (up or like) or -1 (down)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="posts_vote_one_per_user"),
            models.CheckConstraint(condition=models.Q(value__in=[1, -1]), name="posts_vote_value"),
        ]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.post_id}: {self.value}"


class Bookmark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="posts_bookmark_one_per_user")
        ]
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")

    def __str__(self) -> str:
        return f"{self.user_id} ★ {self.post_id}"


class Revision(models.Model):
    """A snapshot of a post after each save; number 1 is the original."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField()
    tag_names = models.JSONField(default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="posts_revision_number")
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.post_id} r{self.number}"

    def as_text(self) -> str:
        tags = " ".join(self.tag_names)
        return f"{self.title}\n{tags}\n\n{self.body}" if self.title else self.body


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible_to(
        self, user: Any, *, is_moderator: bool = False, space_ids: Collection[int] = ()
    ) -> CommentQuerySet:
        """Live comments, the user's own deleted ones, and every deleted one
        where the user moderates (the site, or the spaces in `space_ids`)."""
        if is_moderator:
            return self
        if user is not None and user.is_authenticated:
            mine = models.Q(deleted_at__isnull=True) | models.Q(author=user)
            if space_ids:
                mine |= models.Q(post__space_id__in=space_ids)
                mine |= models.Q(post__parent__space_id__in=space_ids)
            return self.filter(mine)
        return self.filter(deleted_at__isnull=True)


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="comments"
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    body_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by an edit made after the grace period (COMMENT_EDIT_GRACE); pages
    # show "edited" with this time.
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:50]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    # `is_moderator` as on Post: "moderates the commented post" (reads `post`).
    def can_be_edited_by(self, user: Any, *, is_moderator: bool | None = None) -> bool:
        """The author at any time, and the post's moderators; never once deleted."""
        if not user.is_authenticated or self.is_deleted:
            return False
        if user.pk == self.author_id:
            return True
        return self.post.is_moderated_by(user) if is_moderator is None else is_moderator

    def can_be_deleted_by(self, user: Any, *, is_moderator: bool | None = None) -> bool:
        if not user.is_authenticated:
            return False
        if user.pk == self.author_id:
            return True
        return self.post.is_moderated_by(user) if is_moderator is None else is_moderator


class Draft(models.Model):
    """Text saved while typing, one per user and editor (`key`, e.g. `answer-12`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    key = models.CharField(max_length=40)
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField(max_length=BODY_MAX, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="posts_draft_key")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.key}"


class ReadMark(models.Model):
    """How far a user has read a discussion, for "jump to unread"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    last_read_reply_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="posts_readmark_one_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.post_id} to {self.last_read_reply_id}"


class PendingViews(models.Model):
    """Views of one post counted but not yet added to `Post.view_count`
    (`posts.viewcounts`, when there is no Redis).

    A table rather than the cache, because the web processes that count and
    the worker that flushes share only the database. The post id is a plain
    column, not a foreign key: the row is a counter, and a post deleted
    meanwhile makes the flush update nothing.
    """

    post_id = models.BigIntegerField(primary_key=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pending views")
        verbose_name_plural = _("pending views")

    def __str__(self) -> str:
        return f"{self.views} views of {self.post_id}"


def annotate_viewer_state(posts: list[Post], user: Any) -> None:
    """Set `my_vote` and `is_bookmarked` on each post for `user` (two queries at most)."""
    ids = [p.pk for p in posts]
    votes: dict[int, int] = {}
    marks: set[int] = set()
    if user is not None and user.is_authenticated and ids:
        votes = dict(
            Vote.objects.filter(user=user, post_id__in=ids).values_list("post_id", "value")
        )
        marks = set(
            Bookmark.objects.filter(user=user, post_id__in=ids).values_list("post_id", flat=True)
        )
    for post in posts:
        post.my_vote = votes.get(post.pk, 0)  # type: ignore[attr-defined]
        post.is_bookmarked = post.pk in marks  # type: ignore[attr-defined]
