"""GET /api/v1/search: the search box's syntax and filters as JSON, paginated."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.html import strip_tags
from ninja import Router, Schema
from ninja.errors import HttpError

from deepcommons.api.schemas import ErrorOut
from deepcommons.search.backends.base import SORTS
from deepcommons.search.query import QUERY_MAX
from deepcommons.search.results import MAX_PAGE, MAX_PER_PAGE, PER_PAGE, SearchHit, search_posts

router = Router(tags=["search"])


class SearchHitOut(Schema):
    id: int
    kind: str
    title: str
    title_html: str
    snippet: str
    snippet_html: str
    url: str
    space: str | None
    tags: list[str]
    score: int
    answer_count: int
    accepted: bool
    author: str
    created_at: datetime


class SearchPageOut(Schema):
    q: str
    sort: str
    page: int
    per_page: int
    total: int
    total_is_capped: bool
    has_next: bool
    items: list[SearchHitOut]


def _hit_out(hit: SearchHit) -> dict[str, Any]:
    post = hit.post
    accepted = post.accepted_answer_id is not None
    if post.kind == "answer" and post.parent is not None:
        accepted = post.parent.accepted_answer_id == post.pk
    return {
        "id": post.pk,
        "kind": post.kind,
        "title": strip_tags(hit.title_html),
        "title_html": str(hit.title_html),
        "snippet": strip_tags(hit.snippet_html),
        "snippet_html": str(hit.snippet_html),
        "url": post.get_absolute_url(),
        "space": post.space.slug if post.space else None,
        "tags": [t.name for t in post.tags.all()],
        "score": post.score,
        "answer_count": post.answer_count,
        "accepted": accepted,
        "author": post.author.username,
        "created_at": post.created_at,
    }


@router.get(
    "/search",
    response={200: SearchPageOut, 400: ErrorOut},
    auth=None,
    operation_id="search",
)
def search(
    request: HttpRequest,
    q: str = "",
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> dict[str, Any]:
    """Search posts. `q` takes words, "phrases", -exclusions, [tag], user:, space:,
    is:question|article|tutorial|…, answers:, accepted:yes|no, score:5.., created:2024..2025.
    sort is relevance, newest or votes; page counts from 1."""
    if sort not in SORTS:
        raise HttpError(400, "sort must be one of: " + ", ".join(SORTS))
    if not 1 <= page <= MAX_PAGE:
        raise HttpError(400, f"page must be between 1 and {MAX_PAGE}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise HttpError(400, f"per_page must be between 1 and {MAX_PER_PAGE}")
    results = search_posts(q=q[:QUERY_MAX], sort=sort, page=page, per_page=per_page)
    return {
        "q": results.q,
        "sort": results.sort,
        "page": results.page,
        "per_page": results.per_page,
        "total": results.total,
        "total_is_capped": results.total_is_capped,
        "has_next": results.has_next,
        "items": [_hit_out(hit) for hit in results.hits],
    }
