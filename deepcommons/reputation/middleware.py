"""Days visited and reading, for trust levels and visit badges.

For a signed-in member, the first request of each UTC day writes that day's
`DailyVisit` row. Each thread page (question, discussion, article, tutorial)
opened that day is noted in the cache, and the member's next request to any
other page adds the noted threads to the day's row in one statement (topics
entered, and the posts they show read). So a thread page itself never costs
a query here, and every other request costs none unless there is something
to write. Posts' URL names tell thread pages apart
(`request.resolver_match`), so posts needs no hook for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from deepcommons.core.htmx import is_htmx
from deepcommons.reputation.services.trust import record_threads_read, record_visit

THREAD_PAGES = frozenset(
    {
        "posts:question-detail",
        "posts:discussion-detail",
        "posts:article-detail",
        "posts:tutorial-detail",
    }
)
SKIPPED_PREFIXES = ("/static/", "/media/", "/healthz")
# Threads noted but not yet written are kept this long (seconds).
PENDING_SECONDS = 2 * 86400


def pending_key(user_id: int) -> str:
    return f"dv:pending:{user_id}"


def flush_pending_reads(user_id: int) -> None:
    """Write the threads noted for `user_id` to their days' rows."""
    pending = cache.get(pending_key(user_id))
    if not pending:
        return
    cache.delete(pending_key(user_id))
    by_day: dict[str, list[int]] = {}
    for day, post_id in pending:
        by_day.setdefault(day, []).append(post_id)
    for day, post_ids in by_day.items():
        record_threads_read(
            user_id=user_id, post_ids=post_ids, day=datetime.fromisoformat(day).date()
        )


class ReadingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or response.status_code >= 400
            or request.path.startswith(SKIPPED_PREFIXES)
        ):
            return response
        now = timezone.now()
        day = now.astimezone(UTC).date()
        # Kept until a minute past the day's end, so the key outlives its day.
        seconds = int(
            (datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC) - now).total_seconds()
        )
        if cache.add(f"dv:{user.pk}:{day.isoformat()}", 1, timeout=seconds + 60):
            record_visit(user_id=user.pk, day=day)
        match = request.resolver_match
        on_thread = match is not None and match.view_name in THREAD_PAGES
        if not on_thread:
            flush_pending_reads(user.pk)
        elif (
            match is not None
            and request.method == "GET"
            and response.status_code == 200
            and not is_htmx(request)
        ):
            post_id = int(match.kwargs.get("post_id") or 0)
            if post_id and cache.add(
                f"dv:{user.pk}:{day.isoformat()}:{post_id}", 1, timeout=seconds + 60
            ):
                pending = cache.get(pending_key(user.pk)) or []
                pending.append((day.isoformat(), post_id))
                cache.set(pending_key(user.pk), pending, timeout=PENDING_SECONDS)
        return response
