"""Writes to the activity log, and the export of events, users and graph edges.

Other apps call `record_activity` when a person does something meaningful and
`record_visit` on an authenticated request; neither raises on an anonymous
user (they record nothing). Both are cheap: one INSERT, and for visits usually
only a cache hit.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.analytics.models import ActivityEvent, ActivityKind, retention_days

PRUNE_BATCH = 10_000


def record_activity(
    *,
    user: Any,
    kind: str,
    target_user: Any = None,
    obj: models.Model | None = None,
    value: float = 1.0,
    occurred_at: datetime | None = None,
) -> ActivityEvent | None:
    """Log that `user` did `kind` (an ActivityKind value), now unless `occurred_at` says.

    `target_user` is the other person when there is one (the author answered,
    voted on or messaged, the person followed); `obj` is the object acted on
    (stored as its model label and primary key). Returns the event, or None
    for an anonymous user. An unknown kind is a ValueError.
    """
    if kind not in ActivityKind.values:
        raise ValueError(f"unknown activity kind {kind!r}; use one of {ActivityKind.values}")
    if not getattr(user, "is_authenticated", False):
        return None
    return ActivityEvent.objects.create(
        user=user,
        kind=kind,
        target_user=target_user if getattr(target_user, "pk", None) else None,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        value=value,
        occurred_at=occurred_at or timezone.now(),
    )


def _visit_cache_key(user_id: int, day: str) -> str:
    return f"analytics:visit:{user_id}:{day}"


def record_visit(*, user: Any) -> bool:
    """Log one "visit" per user per (UTC) day; returns True if this call wrote the row.

    Repeat visits on the same day are answered by the cache without touching
    the database. On a cache miss the user's row is locked while checking the
    day's visit, so concurrent first requests still write one row.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    now = timezone.now()
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    key = _visit_cache_key(user.pk, day_start.date().isoformat())
    seconds_left = int((day_start + timedelta(days=1) - now).total_seconds()) + 60
    if not cache.add(key, 1, timeout=seconds_left):
        return False
    try:
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=user.pk).exists()
            seen = (
                ActivityEvent.objects.filter(user=user, kind=ActivityKind.VISIT)
                .between(day_start, day_start + timedelta(days=1))
                .exists()
            )
            if seen:
                return False
            ActivityEvent.objects.create(user=user, kind=ActivityKind.VISIT, occurred_at=now)
    except Exception:
        cache.delete(key)  # let the next request try again
        raise
    return True


def prune_activity(*, days: int | None = None, now: datetime | None = None) -> int:
    """Delete events older than `days` (default ANALYTICS_RETENTION_DAYS) in batches.

    Returns how many rows were deleted.
    """
    keep_days = retention_days() if days is None else days
    if keep_days < 0:
        raise ValueError("the retention period must not be negative")
    expired = ActivityEvent.objects.expired(now=now, days=keep_days)
    deleted = 0
    while True:
        batch = list(expired.values_list("pk", flat=True)[:PRUNE_BATCH])
        if not batch:
            return deleted
        deleted += ActivityEvent.objects.filter(pk__in=batch).delete()[0]


def export_activity(*, directory: Path, fmt: str = "csv") -> dict[str, Path]:
    """Write events, users, follow edges and interaction edges to `directory`.

    `fmt` is "csv" or "parquet" (Parquet needs pyarrow, which is optional).
    Returns the path of each table written. Emails are not exported.
    """
    from deepcommons.analytics import frames

    if fmt not in ("csv", "parquet"):
        raise ValueError("format must be csv or parquet")
    if fmt == "parquet" and not frames.parquet_available():
        raise ValueError("Parquet needs the optional pyarrow package; use --format csv")
    directory.mkdir(parents=True, exist_ok=True)
    events = frames.load_events()
    tables = {
        "events": events,
        "users": frames.load_users(),
        "follow_edges": frames.follow_edges(events),
        "interaction_edges": frames.interaction_edges(events),
    }
    written: dict[str, Path] = {}
    for name, frame in tables.items():
        path = directory / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False)
        else:
            frame.to_parquet(path, index=False)
        written[name] = path
    return written


def export_user_activity(user: User) -> list[dict[str, Any]]:
    """A person's own activity log, for their account-data export."""
    rows = ActivityEvent.objects.filter(user=user).order_by("occurred_at")
    return [
        {
            "kind": kind,
            "occurred_at": occurred_at.isoformat(),
            "object_type": object_type,
            "object_id": object_id,
        }
        for kind, occurred_at, object_type, object_id in rows.values_list(
            "kind", "occurred_at", "object_type", "object_id"
        ).iterator()
    ]
