"""Organisation posts in the personal feed: posts of organisations the viewer follows."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from deepcommons.orgs.models import Organisation, OrgPost
from deepcommons.social.feed import FeedCursor, FeedItem
from deepcommons.social.models import Follow

KEY = "orgpost:"


def org_posts_feed(user: Any, cursor: FeedCursor | None, limit: int) -> list[FeedItem]:
    """Newest first, strictly after `cursor` (feed keys compare as strings)."""
    if not getattr(user, "is_authenticated", False):
        return []
    orgs = Follow.objects.followed_ids(user=user, model=Organisation)
    if not orgs:
        return []
    queryset = OrgPost.objects.live().filter(org_id__in=orgs)
    if cursor is not None:
        if cursor.key.startswith(KEY):
            pk = int(cursor.key[len(KEY) :] or 0)
            condition = Q(created_at__lt=cursor.created_at) | Q(
                created_at=cursor.created_at, pk__lt=pk
            )
        elif cursor.key > KEY:
            condition = Q(created_at__lte=cursor.created_at)
        else:
            condition = Q(created_at__lt=cursor.created_at)
        queryset = queryset.filter(condition)
    posts = list(queryset.select_related("org").order_by("-created_at", "-pk")[:limit])
    return [
        FeedItem(
            created_at=post.created_at,
            key=f"{KEY}{post.pk:012d}",
            template="orgs/_feed_item.html",
            context={"post": post},
            data={
                "type": "org_post",
                "id": post.pk,
                "title": post.title,
                "url": post.get_absolute_url(),
                "org": post.org.slug,
                "sponsored": post.sponsored,
            },
        )
        for post in posts
    ]
