"""View counts buffered in the cache and written to the database in batches.

A view counts at most once per viewer (user, or visitor) per post per hour.
Each counted view increments a cache counter and appends the post id to a
numbered dirty log (`pv:dirty:<n>`, numbered by an atomic `incr`), so no
id is lost between concurrent writers. `flush_view_counts` reads the log
since the last flush and moves each counter into `Post.view_count` with one
`F()` update per post. Recording schedules a flush at most once a minute.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest

from deepcommons.posts.models import Post

VIEW_WINDOW_SECONDS = 3600
FLUSH_EVERY_SECONDS = 60
DIRTY_TTL_SECONDS = 24 * 3600
SEQ_KEY = "pv:seq"
FLUSHED_KEY = "pv:flushed"
LOCK_KEY = "pv:flush-lock"


def viewer_key(request: HttpRequest) -> str:
    """The user id, else a hash of the visitor's address and browser."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    raw = f"{request.META.get('REMOTE_ADDR', '')}|{request.META.get('HTTP_USER_AGENT', '')}"
    return "a" + hashlib.sha256(raw.encode()).hexdigest()[:20]


def _incr(key: str) -> int:
    cache.add(key, 0, timeout=None)
    try:
        return int(cache.incr(key))
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=None)
        return 1


def record_view(*, post_id: int, viewer: str) -> bool:
    """Count a view unless this viewer was counted in the last hour. True when counted."""
    if not cache.add(f"pv:seen:{post_id}:{viewer}", 1, timeout=VIEW_WINDOW_SECONDS):
        return False
    _incr(f"pv:n:{post_id}")
    seq = _incr(SEQ_KEY)
    cache.set(f"pv:dirty:{seq}", post_id, timeout=DIRTY_TTL_SECONDS)
    if cache.add("pv:flush-scheduled", 1, timeout=FLUSH_EVERY_SECONDS):
        from deepcommons.posts.tasks import flush_view_counts_task

        flush_view_counts_task.enqueue()
    return True


def pending_views(post_id: int) -> int:
    return int(cache.get(f"pv:n:{post_id}", 0))


def flush_view_counts() -> int:
    """Write buffered views to the database; returns the number of views written."""
    if not cache.add(LOCK_KEY, 1, timeout=300):
        return 0
    try:
        last = int(cache.get(FLUSHED_KEY, 0))
        upto = int(cache.get(SEQ_KEY, 0))
        if upto <= last:
            return 0
        dirty = cache.get_many([f"pv:dirty:{n}" for n in range(last + 1, upto + 1)])
        cache.set(FLUSHED_KEY, upto, timeout=None)
        written = 0
        for post_id in sorted(set(dirty.values())):
            key = f"pv:n:{post_id}"
            count = int(cache.get(key, 0))
            if count <= 0:
                continue
            # decr keeps views recorded since the read; they go in the next flush.
            cache.decr(key, count)
            Post.objects.filter(pk=post_id).update(view_count=F("view_count") + count)
            written += count
        cache.delete_many(list(dirty.keys()))
        return written
    finally:
        cache.delete(LOCK_KEY)
