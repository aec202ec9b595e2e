"""View counts: counted where every process sees them, added to `Post.view_count`
in batches.

A view counts at most once per viewer (user, or visitor) per post per hour:
a key in the cache. A counted view adds one to the post's pending count,
kept where the web processes and the worker both see it:

- with REDIS_URL, in one Redis hash (`HINCRBY`, one round trip);
- without, in the database (`PendingViews`, one row per post, upserted with
  `views + 1` in one statement). The default cache is per process
  (locmem), so a count kept there never reached the worker's flush.

`flush_view_counts` takes all pending counts at once (Redis: `RENAME` of the
hash; database: `DELETE … RETURNING`), so a view recorded meanwhile goes to
the next flush and none is lost or added twice, then adds them to
`Post.view_count` with `F()` in one transaction. The first counted view of
a minute schedules a flush; cron runs `manage.py flush_view_counts` too
(docs/operations.md), which also writes what the last minute left.

Writing to a small table instead of the post row keeps the posts' rows, and
the list-row cache keys that hold `view_count`, unchanged between flushes.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import Case, F, Value, When
from django.http import HttpRequest

from deepcommons.posts.models import PendingViews, Post

VIEW_WINDOW_SECONDS = 3600
FLUSH_EVERY_SECONDS = 60
FLUSH_SCHEDULED_KEY = "pv:flush-scheduled"
# Redis keys (through the cache's prefix, so tests' cache.clear() empties them).
COUNTS_KEY = "pv:counts"
FLUSHING_KEY = "pv:flushing"
LOCK_KEY = "pv:flush-lock"
# Posts updated per UPDATE statement in a flush.
BATCH = 500


def viewer_key(request: HttpRequest) -> str:
    """The user id, else a hash of the visitor's address and browser."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    raw = f"{request.META.get('REMOTE_ADDR', '')}|{request.META.get('HTTP_USER_AGENT', '')}"
    return "a" + hashlib.sha256(raw.encode()).hexdigest()[:20]


@lru_cache(maxsize=4)
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def _redis() -> redis.Redis | None:
    """The Redis client when REDIS_URL is set, else None (counts go to the database)."""
    url = getattr(settings, "REDIS_URL", "")
    return _client(url) if url else None


def _table() -> str:
    return connection.ops.quote_name(PendingViews._meta.db_table)


def record_view(*, post_id: int, viewer: str) -> bool:
    """Count a view unless this viewer was counted in the last hour. True when counted."""
    if not cache.add(f"pv:seen:{post_id}:{viewer}", 1, timeout=VIEW_WINDOW_SECONDS):
        return False
    client = _redis()
    if client is not None:
        client.hincrby(cache.make_key(COUNTS_KEY), str(post_id), 1)
    else:
        # One statement: the row is made by the first view and grown by the
        # next ones, atomically on both SQLite and PostgreSQL.
        table = _table()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (post_id, views) VALUES (%s, 1) "
                f"ON CONFLICT (post_id) DO UPDATE SET views = {table}.views + 1",
                [post_id],
            )
    if cache.add(FLUSH_SCHEDULED_KEY, 1, timeout=FLUSH_EVERY_SECONDS):
        from deepcommons.posts.tasks import flush_view_counts_task

        flush_view_counts_task.enqueue()
    return True


def pending_views(post_id: int) -> int:
    """Views of `post_id` counted but not yet in `Post.view_count`."""
    client = _redis()
    if client is not None:
        value = client.hget(cache.make_key(COUNTS_KEY), str(post_id))
        taken = client.hget(cache.make_key(FLUSHING_KEY), str(post_id))
        return int(value or 0) + int(taken or 0)
    row = PendingViews.objects.filter(post_id=post_id).values_list("views", flat=True).first()
    return int(row or 0)


def _add_to_posts(pending: dict[int, int]) -> int:
    """Add `pending` (views by post id) to the posts' `view_count`; returns the views added."""
    items = sorted((post_id, views) for post_id, views in pending.items() if views > 0)
    for start in range(0, len(items), BATCH):
        chunk = items[start : start + BATCH]
        extra = Case(
            *[When(pk=post_id, then=Value(views)) for post_id, views in chunk],
            default=Value(0),
            output_field=models.PositiveIntegerField(),
        )
        Post.objects.filter(pk__in=[post_id for post_id, _ in chunk]).update(
            view_count=F("view_count") + extra
        )
    return sum(views for _, views in items)


def _flush_redis(client: redis.Redis) -> int:
    # One flusher at a time: the hash taken aside is shared.
    if not cache.add(LOCK_KEY, 1, timeout=300):
        return 0
    counts, flushing = cache.make_key(COUNTS_KEY), cache.make_key(FLUSHING_KEY)
    try:
        # A hash left aside by a flush that died before its commit goes first.
        if not client.exists(flushing):
            try:
                client.rename(counts, flushing)
            except redis.ResponseError:  # no such key: no views since the last flush
                return 0
        raw = client.hgetall(flushing)
        pending = {int(k): int(v) for k, v in raw.items()}
        with transaction.atomic():
            written = _add_to_posts(pending)
        client.delete(flushing)
        return written
    finally:
        cache.delete(LOCK_KEY)


def _flush_database() -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        # The rows taken are exactly the rows deleted; a view recorded after
        # this makes a new row for the next flush.
        cursor.execute(f"DELETE FROM {_table()} RETURNING post_id, views")
        pending = {int(post_id): int(views) for post_id, views in cursor.fetchall()}
        return _add_to_posts(pending)


def flush_view_counts() -> int:
    """Add the pending views to the posts; returns the number of views written."""
    client = _redis()
    if client is not None:
        return _flush_redis(client)
    return _flush_database()
