"""Discussions: list, create, read, edit and delete."""

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
    "/discussions",
    response={200: PostPage, 400: ErrorOut},
    auth=None,
    operation_id="list_discussions",
)
def list_discussions(
    request: HttpRequest,
    sort: str = DEFAULT_SORT,
    period: str = DEFAULT_PERIOD,
    cursor: str = "",
    space: str | None = None,
    tag: str | None = None,
) -> dict[str, Any]:
    """Published discussions, as on the discussions page; sort is latest, active, hot,
    top or unanswered; period (for top) is day, week, month, year or all; tag
    may be a synonym."""
    return common.list_posts(
        request, Kind.DISCUSSION, sort=sort, period=period, cursor=cursor, space=space, tag=tag
    )


@router.post("/discussions", response={201: PostOut, **ERRORS}, operation_id="create_discussion")
def create_discussion(request: HttpRequest, payload: PostIn) -> Status:
    return common.create_post(request, Kind.DISCUSSION, payload)


@router.get(
    "/discussions/{post_id}",
    response={200: PostOut, 404: ErrorOut},
    auth=None,
    operation_id="get_discussion",
)
def get_discussion(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.post_out(common.visible_post(request, post_id, Kind.DISCUSSION), request.user)


@router.patch(
    "/discussions/{post_id}", response={200: PostOut, **ERRORS}, operation_id="update_discussion"
)
def update_discussion(request: HttpRequest, post_id: int, payload: PostPatch) -> dict[str, Any]:
    return common.update_post(request, post_id, Kind.DISCUSSION, payload)


@router.delete(
    "/discussions/{post_id}", response={200: OkOut, **ERRORS}, operation_id="delete_discussion"
)
def delete_discussion(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.delete_post(request, post_id, Kind.DISCUSSION)
