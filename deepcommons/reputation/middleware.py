"""Days visited and reading, for trust levels and visit badges.

For a signed-in member, the first request of each UTC day writes that day's
`DailyVisit` row, and each thread page (question, discussion, article,
tutorial) opened that day counts once as a topic entered, with its posts
read. Both are remembered in the cache, so every other request costs no
query. Posts' URL names tell thread pages apart (`request.resolver_match`),
so posts needs no hook for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from deepcommons.core.htmx import is_htmx
from deepcommons.reputation.services.trust import record_thread_read, record_visit

THREAD_PAGES = frozenset(
    {
        "posts:question-detail",
        "posts:discussion-detail",
        "posts:article-detail",
        "posts:tutorial-detail",
    }
)
SKIPPED_PREFIXES = ("/static/", "/media/", "/healthz", "/api/")


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
        if (
            match is not None
            and match.view_name in THREAD_PAGES
            and request.method == "GET"
            and response.status_code == 200
            and not is_htmx(request)
        ):
            post_id = match.kwargs.get("post_id")
            if post_id and cache.add(
                f"dv:{user.pk}:{day.isoformat()}:{post_id}", 1, timeout=seconds + 60
            ):
                record_thread_read(user_id=user.pk, post_id=int(post_id), day=day)
        return response
