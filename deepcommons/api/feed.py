"""The personal feed: new posts from what I follow."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Router, Schema

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.social.feed import FeedCursor, build_feed

router = Router(tags=["social"])
PAGE = 20


class FeedItemOut(Schema):
    key: str
    created_at: datetime
    data: dict[str, Any]


class FeedOut(Schema):
    items: list[FeedItemOut]
    next_cursor: str | None


@router.get("/feed", response=FeedOut, operation_id="deepcommons_api_social_feed")
def feed(request: AuthenticatedHttpRequest, cursor: str | None = None) -> dict[str, Any]:
    """New posts from what I follow, newest first; pass `next_cursor` back for more."""
    page = build_feed(user=request.user, cursor=FeedCursor.decode(cursor), limit=PAGE)
    return {
        "items": [{"key": i.key, "created_at": i.created_at, "data": i.data} for i in page.items],
        "next_cursor": page.next_cursor.encode() if page.next_cursor else None,
    }
