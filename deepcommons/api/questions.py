"""Questions: list, create, read, edit and delete."""

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
    "/questions",
    response={200: PostPage, 400: ErrorOut},
    auth=None,
    operation_id="list_questions",
)
def list_questions(
    request: HttpRequest,
    sort: str = DEFAULT_SORT,
    period: str = DEFAULT_PERIOD,
    cursor: str = "",
    space: str | None = None,
    tag: str | None = None,
) -> dict[str, Any]:
    """Published questions, as on the questions page; sort is latest, active, hot,
    top or unanswered; period (for top) is day, week, month, year or all; tag
    may be a synonym."""
    return common.list_posts(
        request, Kind.QUESTION, sort=sort, period=period, cursor=cursor, space=space, tag=tag
    )


@router.post("/questions", response={201: PostOut, **ERRORS}, operation_id="create_question")
def create_question(request: HttpRequest, payload: PostIn) -> Status:
    return common.create_post(request, Kind.QUESTION, payload)


@router.get(
    "/questions/{post_id}",
    response={200: PostOut, 404: ErrorOut},
    auth=None,
    operation_id="get_question",
)
def get_question(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.post_out(common.visible_post(request, post_id, Kind.QUESTION), request.user)


@router.patch(
    "/questions/{post_id}", response={200: PostOut, **ERRORS}, operation_id="update_question"
)
def update_question(request: HttpRequest, post_id: int, payload: PostPatch) -> dict[str, Any]:
    return common.update_post(request, post_id, Kind.QUESTION, payload)


@router.delete(
    "/questions/{post_id}", response={200: OkOut, **ERRORS}, operation_id="delete_question"
)
def delete_question(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.delete_post(request, post_id, Kind.QUESTION)
