"""Articles: list, create, read, edit and delete."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS, ErrorOut, OkOut, PostIn, PostOut, PostPage, PostPatch
from deepcommons.posts.models import Kind
from deepcommons.posts.querysets import DEFAULT_PERIOD, DEFAULT_SORT

router = Router(tags=["content"])


@router.get(
    "/articles",
    response={200: PostPage, 400: ErrorOut},
    auth=None,
    operation_id="list_articles",
)
def list_articles(
    request: HttpRequest,
    sort: str = DEFAULT_SORT,
    period: str = DEFAULT_PERIOD,
    cursor: str = "",
    space: str | None = None,
    tag: str | None = None,
) -> dict[str, Any]:
    """Published articles, as on the articles page; sort is latest, active, hot,
    top or unanswered; period (for top) is day, week, month, year or all; tag
    may be a synonym."""
    return common.list_posts(
        request, Kind.ARTICLE, sort=sort, period=period, cursor=cursor, space=space, tag=tag
    )


@router.post("/articles", response={201: PostOut, **ERRORS}, operation_id="create_article")
def create_article(request: HttpRequest, payload: PostIn) -> Status:
    return common.create_post(request, Kind.ARTICLE, payload)


@router.get(
    "/articles/{post_id}",
    response={200: PostOut, 404: ErrorOut},
    auth=None,
    operation_id="get_article",
)
def get_article(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.post_out(common.visible_post(request, post_id, Kind.ARTICLE), request.user)


@router.patch(
    "/articles/{post_id}", response={200: PostOut, **ERRORS}, operation_id="update_article"
)
def update_article(request: HttpRequest, post_id: int, payload: PostPatch) -> dict[str, Any]:
    return common.update_post(request, post_id, Kind.ARTICLE, payload)


@router.delete(
    "/articles/{post_id}", response={200: OkOut, **ERRORS}, operation_id="delete_article"
)
def delete_article(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.delete_post(request, post_id, Kind.ARTICLE)
