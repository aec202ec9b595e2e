"""Soft delete and restore; the counts a live post adds to move out and back with it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.posts import hooks
from deepcommons.posts.models import Post, Status
from deepcommons.spaces.services import change_tag_usage, record_space_post


def count_in_or_out(post: Post, delta: int) -> None:
    # Drafts, held posts and merged questions were never (or are no longer) counted.
    if post.status != Status.PUBLISHED or post.merged_into_id:
        return
    if post.is_top_level:
        change_tag_usage(tag_ids=post.tags.values_list("pk", flat=True), delta=delta)
        record_space_post(space_id=post.space_id, delta=delta)
    elif post.parent_id:
        Post.objects.filter(pk=post.parent_id).update(
            answer_count=Greatest(F("answer_count") + delta, 0)
        )


@transaction.atomic
def delete_post(*, post: Post, by: User) -> None:
    """Soft delete: hidden from all but the author and moderators; counters drop."""
    if not post.can_be_deleted_by(by):
        raise PermissionDenied
    updated = Post.objects.filter(pk=post.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now(), deleted_by=by
    )
    if updated:
        post.refresh_from_db(fields=["deleted_at", "deleted_by"])
        count_in_or_out(post, -1)
        hooks.publish("deleted", post)


@transaction.atomic
def undelete_post(*, post: Post, by: User) -> None:
    if not post.can_be_deleted_by(by):
        raise PermissionDenied
    updated = Post.objects.filter(pk=post.pk, deleted_at__isnull=False).update(
        deleted_at=None, deleted_by=None
    )
    if updated:
        post.deleted_at = None
        post.deleted_by = None
        count_in_or_out(post, 1)
        hooks.publish("restored", post)
