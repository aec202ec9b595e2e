"""The personal feed and the digest's "top content", filled by other apps.

Social knows who follows what but not what a post is. The posts app registers
a feed source in `AppConfig.ready()`:

    register_feed_source(posts_feed)   # fn(user, cursor, limit) -> list[FeedItem]

A source returns up to `limit` items older than `cursor` (newest first), built
from `followed_ids(user=..., model=...)` and `muted_ids(...)`. The feed merges
all sources by `(created_at, key)`, so each page is keyset-paginated and costs
a fixed number of queries per source whatever the page size.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime


@dataclass(frozen=True)
class FeedCursor:
    """Items strictly older than (`created_at`, `key`) come next."""

    created_at: datetime
    key: str

    def encode(self) -> str:
        raw = json.dumps([self.created_at.isoformat(), self.key]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str | None) -> FeedCursor | None:
        """Parse a cursor from a URL; anything malformed means "first page"."""
        if not value or len(value) > 300:
            return None
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            created, key = json.loads(raw)
        except (ValueError, binascii.Error, TypeError):
            return None
        when = parse_datetime(created) if isinstance(created, str) else None
        if when is None or not isinstance(key, str):
            return None
        return cls(when, key)

    def is_after(self, item: FeedItem) -> bool:
        """True when `item` belongs on a page after this cursor."""
        return (item.created_at, item.key) < (self.created_at, self.key)


@dataclass(frozen=True)
class FeedItem:
    """One entry: rendered with `template` and `context` (which gets `item`).

    `key` breaks ties between equal timestamps and must be unique across
    sources, e.g. "post:000123" (zero-padded so it sorts like the number).
    """

    created_at: datetime
    key: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    # JSON-able summary for the API: {"type": "post", "id": 1, "title": …, "url": …}.
    data: dict[str, Any] = field(default_factory=dict)


FeedSource = Callable[[Any, FeedCursor | None, int], Sequence[FeedItem]]
_feed_sources: list[FeedSource] = []


def register_feed_source(source: FeedSource) -> None:
    if source not in _feed_sources:
        _feed_sources.append(source)


def unregister_feed_source(source: FeedSource) -> None:
    if source in _feed_sources:
        _feed_sources.remove(source)


@dataclass(frozen=True)
class FeedPage:
    items: list[FeedItem]
    next_cursor: FeedCursor | None


def build_feed(*, user: Any, cursor: FeedCursor | None, limit: int = 20) -> FeedPage:
    """Merge every source's newest items after `cursor`, newest first."""
    merged: list[FeedItem] = []
    for source in _feed_sources:
        items = source(user, cursor, limit + 1)
        merged.extend(i for i in items if cursor is None or cursor.is_after(i))
    merged.sort(key=lambda i: (i.created_at, i.key), reverse=True)
    page = merged[:limit]
    has_more = len(merged) > limit
    next_cursor = FeedCursor(page[-1].created_at, page[-1].key) if has_more and page else None
    return FeedPage(page, next_cursor)


@dataclass(frozen=True)
class DigestItem:
    """A line of "top content" in a digest email."""

    title: str
    url: str
    summary: str = ""


DigestSource = Callable[[Any, datetime, int], Sequence[DigestItem]]
_digest_sources: list[DigestSource] = []


def register_digest_source(source: DigestSource) -> None:
    """fn(user, since, limit) -> top items since `since` from what `user` follows."""
    if source not in _digest_sources:
        _digest_sources.append(source)


def unregister_digest_source(source: DigestSource) -> None:
    if source in _digest_sources:
        _digest_sources.remove(source)


def top_content(*, user: Any, since: datetime, limit: int = 10) -> list[DigestItem]:
    items: list[DigestItem] = []
    for source in _digest_sources:
        items.extend(source(user, since, limit))
    return items[:limit]
