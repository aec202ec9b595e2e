"""How far a member has read a discussion."""

from __future__ import annotations

from deepcommons.accounts.models import User
from deepcommons.posts.models import Post, ReadMark


def mark_read(*, user: User, discussion: Post, reply_id: int) -> None:
    """Remember the newest reply `user` has seen (never moves backwards)."""
    mark, created = ReadMark.objects.get_or_create(
        user=user, post=discussion, defaults={"last_read_reply_id": reply_id}
    )
    if not created:
        ReadMark.objects.filter(pk=mark.pk, last_read_reply_id__lt=reply_id).update(
            last_read_reply_id=reply_id
        )
