"""The posts part of a user's data export."""

from __future__ import annotations

from typing import Any

from deepcommons.accounts.models import User
from deepcommons.posts.models import Bookmark, Comment, Post, PostImage, Vote


def export_posts(user: User) -> dict[str, Any]:
    posts = Post.objects.filter(author=user).prefetch_related("tags").order_by("pk")
    return {
        "posts": [
            {
                "id": p.pk,
                "kind": p.kind,
                "status": p.status,
                "title": p.title,
                "body": p.body,
                "tags": [t.name for t in p.tags.all()],
                "parent_id": p.parent_id,
                "created_at": p.created_at.isoformat(),
                "deleted": p.is_deleted,
            }
            for p in posts
        ],
        "comments": [
            {
                "id": c.pk,
                "post_id": c.post_id,
                "body": c.body,
                "created_at": c.created_at.isoformat(),
            }
            for c in Comment.objects.filter(author=user).order_by("pk")
        ],
        "votes": [
            {"post_id": post_id, "value": value}
            for post_id, value in Vote.objects.filter(user=user).values_list("post_id", "value")
        ],
        "bookmarks": list(Bookmark.objects.filter(user=user).values_list("post_id", flat=True)),
        "images": [
            {
                "url": image.url,
                "width": image.width,
                "height": image.height,
                "bytes": image.bytes,
                "created_at": image.created_at.isoformat(),
            }
            for image in PostImage.objects.filter(uploader=user).order_by("pk")
        ],
    }
