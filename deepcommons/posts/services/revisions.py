"""Every write of a post's text leaves a numbered revision."""

from __future__ import annotations

from django.db.models import F

from deepcommons.accounts.models import User
from deepcommons.posts.models import Post, Revision


def record_revision(*, post: Post, by: User, note: str = "") -> Revision:
    """Store `post`'s current title, body and tags as its next revision, `by` the
    one who wrote them. Called inside the writer's transaction by every service
    that changes a post's text."""
    number = post.revision_count + 1
    Post.objects.filter(pk=post.pk).update(revision_count=F("revision_count") + 1)
    post.revision_count = number
    return Revision.objects.create(
        post=post,
        number=number,
        title=post.title,
        body=post.body,
        tag_names=[t.name for t in post.tags.all()] if post.is_top_level else [],
        author=by,
        note=note,
    )
