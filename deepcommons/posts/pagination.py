"""Keyset (cursor) pagination: pages stay fast and stable however deep you go."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q

from deepcommons.posts.models import Post
from deepcommons.posts.querysets import SORT_FIELDS, PostQuerySet


@dataclass
class KeysetPage:
    items: list[Post]
    next_cursor: str | None


def encode_cursor(value: Any, pk: int) -> str:
    if isinstance(value, datetime):
        value = {"t": value.isoformat()}
    raw = json.dumps([value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, int] | None:
    """(value, pk), or None for a missing or tampered cursor (then page 1 is shown)."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        if isinstance(value, dict):
            value = datetime.fromisoformat(value["t"])
        if not isinstance(pk, int) or not isinstance(value, int | float | datetime):
            return None
        return value, pk
    except (ValueError, TypeError, KeyError):
        return None


def keyset_page(queryset: PostQuerySet, *, sort: str, cursor: str, per_page: int) -> KeysetPage:
    """One page of `queryset` ordered by `sort` (descending, then -pk)."""
    field = SORT_FIELDS[sort]
    queryset = queryset.sorted_by(sort)
    position = decode_cursor(cursor)
    if position is not None:
        value, pk = position
        queryset = queryset.filter(Q(**{f"{field}__lt": value}) | Q(**{field: value, "pk__lt": pk}))
    items = list(queryset[: per_page + 1])
    next_cursor = None
    if len(items) > per_page:
        items = items[:per_page]
        last = items[-1]
        next_cursor = encode_cursor(getattr(last, field), last.pk)
    return KeysetPage(items=items, next_cursor=next_cursor)
