"""Bookmarks and the post's bookmark count."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest

from deepcommons.accounts.models import User
from deepcommons.posts.models import Bookmark, Post


@transaction.atomic
def bookmark_post(*, post: Post, user: User) -> None:
    if not user.is_authenticated:
        raise PermissionDenied
    _bookmark, created = Bookmark.objects.get_or_create(user=user, post=post)
    if created:
        Post.objects.filter(pk=post.pk).update(bookmark_count=F("bookmark_count") + 1)


@transaction.atomic
def unbookmark_post(*, post: Post, user: User) -> None:
    deleted, _info = Bookmark.objects.filter(user=user, post=post).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(bookmark_count=Greatest(F("bookmark_count") - 1, 0))
