"""Timing the search benchmark's queries: the icontains baseline, percentiles, the report lines."""

from __future__ import annotations

import time
from typing import Any


def icontains_baseline(q: str) -> int:
    """The same query as icontains filters: the first page and the count."""
    from django.db.models import Q

    from deepcommons.posts.models import Post
    from deepcommons.search.query import parse_query

    query = parse_query(q)
    qs = Post.objects.filter(status="published", deleted_at__isnull=True)
    for text in query.terms + [" ".join(p) for p in query.phrases]:
        qs = qs.filter(Q(title__icontains=text) | Q(body__icontains=text))
    for words in query.excluded:
        text = " ".join(words)
        qs = qs.exclude(Q(title__icontains=text) | Q(body__icontains=text))
    if query.kinds:
        qs = qs.filter(kind__in=query.kinds)
    for tag in query.tags:
        qs = qs.filter(tags__name=tag)
    if query.users:
        qs = qs.filter(author__username__in=query.users)
    if query.spaces:
        qs = qs.filter(space__slug__in=query.spaces)
    if query.score:
        low, high = query.score
        qs = qs.filter(score__gte=low) if low is not None else qs
        qs = qs.filter(score__lte=high) if high is not None else qs
    if query.answers:
        low, high = query.answers
        qs = qs.filter(answer_count__gte=low) if low is not None else qs
        qs = qs.filter(answer_count__lte=high) if high is not None else qs
    if query.created:
        start, stop = query.created
        qs = qs.filter(created_at__gte=start) if start else qs
        qs = qs.filter(created_at__lt=stop) if stop else qs
    rows = list(qs.select_related("author", "space").order_by("-created_at")[:20])
    return qs.count() + len(rows) * 0


def timed(fn: Any, items: list[str]) -> list[float]:
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def backend_only(q: str) -> int:
    """The backend's SQL alone (ids and total), without loading posts or snippets."""
    from deepcommons.search.backends import get_backend
    from deepcommons.search.query import parse_query

    query = parse_query(q)
    if query.is_empty:
        return 0
    return get_backend().search(query).total


def report(label: str, values: list[float]) -> None:
    print(
        f"{label:<14}p50 {pct(values, 50):7.1f} ms  p95 {pct(values, 95):7.1f} ms  "
        f"max {max(values):7.1f} ms  ({len(values)} queries)"
    )
