"""Answers to questions (and accepting one) and replies to discussions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS, ChildIn, ErrorOut, OkOut, PostOut, PostPatch
from deepcommons.posts import services
from deepcommons.posts.models import Kind

router = Router(tags=["content"])


@router.get(
    "/questions/{post_id}/answers",
    response={200: list[PostOut], 404: ErrorOut},
    auth=None,
    operation_id="list_answers",
)
def list_answers(request: HttpRequest, post_id: int) -> list[dict[str, Any]]:
    return common.list_children(request, post_id, parent_kind=Kind.QUESTION, kind=Kind.ANSWER)


@router.post(
    "/questions/{post_id}/answers",
    response={201: PostOut, **ERRORS},
    operation_id="create_answers",
)
def create_answer(request: HttpRequest, post_id: int, payload: ChildIn) -> Status:
    return common.create_child(request, post_id, parent_kind=Kind.QUESTION, payload=payload)


@router.get(
    "/answers/{post_id}",
    response={200: PostOut, 404: ErrorOut},
    auth=None,
    operation_id="get_answers_item",
)
def get_answer(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.post_out(common.visible_post(request, post_id, Kind.ANSWER), request.user)


@router.patch(
    "/answers/{post_id}", response={200: PostOut, **ERRORS}, operation_id="update_answers_item"
)
def update_answer(request: HttpRequest, post_id: int, payload: PostPatch) -> dict[str, Any]:
    return common.update_post(request, post_id, Kind.ANSWER, payload)


@router.delete(
    "/answers/{post_id}", response={200: OkOut, **ERRORS}, operation_id="delete_answers_item"
)
def delete_answer(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.delete_post(request, post_id, Kind.ANSWER)


# The operation ids of accept and unaccept are the names the OpenAPI document
# gave them when they lived in api/content.py; clients generated from it use them.
@router.post(
    "/answers/{post_id}/accept",
    response={200: PostOut, **ERRORS},
    operation_id="deepcommons_api_content_accept",
)
def accept(request: HttpRequest, post_id: int) -> dict[str, Any]:
    """The asker accepts this answer (replacing an earlier choice)."""
    answer = common.visible_post(request, post_id, Kind.ANSWER)
    common.call(services.accept_answer, answer=answer, by=common.signed_in_user(request))
    assert answer.parent_id is not None
    return common.post_out(
        common.visible_post(request, answer.parent_id, Kind.QUESTION), request.user
    )


@router.delete(
    "/answers/{post_id}/accept",
    response={200: PostOut, **ERRORS},
    operation_id="deepcommons_api_content_unaccept",
)
def unaccept(request: HttpRequest, post_id: int) -> dict[str, Any]:
    answer = common.visible_post(request, post_id, Kind.ANSWER)
    assert answer.parent is not None
    services.unaccept_answer(question=answer.parent, by=common.signed_in_user(request))
    return common.post_out(
        common.visible_post(request, answer.parent.pk, Kind.QUESTION), request.user
    )


@router.get(
    "/discussions/{post_id}/replies",
    response={200: list[PostOut], 404: ErrorOut},
    auth=None,
    operation_id="list_replies",
)
def list_replies(request: HttpRequest, post_id: int) -> list[dict[str, Any]]:
    return common.list_children(request, post_id, parent_kind=Kind.DISCUSSION, kind=Kind.REPLY)


@router.post(
    "/discussions/{post_id}/replies",
    response={201: PostOut, **ERRORS},
    operation_id="create_replies",
)
def create_reply(request: HttpRequest, post_id: int, payload: ChildIn) -> Status:
    return common.create_child(request, post_id, parent_kind=Kind.DISCUSSION, payload=payload)


@router.get(
    "/replies/{post_id}",
    response={200: PostOut, 404: ErrorOut},
    auth=None,
    operation_id="get_replies_item",
)
def get_reply(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.post_out(common.visible_post(request, post_id, Kind.REPLY), request.user)


@router.patch(
    "/replies/{post_id}", response={200: PostOut, **ERRORS}, operation_id="update_replies_item"
)
def update_reply(request: HttpRequest, post_id: int, payload: PostPatch) -> dict[str, Any]:
    return common.update_post(request, post_id, Kind.REPLY, payload)


@router.delete(
    "/replies/{post_id}", response={200: OkOut, **ERRORS}, operation_id="delete_replies_item"
)
def delete_reply(request: HttpRequest, post_id: int) -> dict[str, Any]:
    return common.delete_post(request, post_id, Kind.REPLY)
