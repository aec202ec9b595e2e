"""Flags: a member reports a post, comment, message or user to the moderators."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import Http404
from ninja import Field, Router, Schema

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.api.common import call
from deepcommons.api.schemas import ErrorOut
from deepcommons.core.pagination import keyset_page
from deepcommons.moderation import services
from deepcommons.moderation.models import Flag
from deepcommons.moderation.views.flags import flag_target
from deepcommons.posts.models import Kind, Post

router = Router(tags=["moderation"])
PAGE = 50


class FlagIn(Schema):
    target_type: Literal["post", "comment", "message", "user"]
    target_id: int
    reason: str = Field(max_length=16)
    text: str = Field(default="", max_length=2000)
    duplicate_of: int | None = None


class FlagOut(Schema):
    id: int
    target_type: str
    target_id: int
    reason: str
    text: str
    duplicate_of: int | None
    status: str
    created_at: datetime


class FlagPage(Schema):
    items: list[FlagOut]
    next_cursor: str | None


def flag_out(f: Flag) -> dict[str, Any]:
    kind = f.target_kind
    return {
        "id": f.pk,
        "target_type": kind,
        "target_id": getattr(f, f"{kind}_id"),
        "reason": f.reason,
        "text": f.text,
        "duplicate_of": f.duplicate_of_id,
        "status": f.status,
        "created_at": f.created_at,
    }


@router.post(
    "/flags",
    response={201: FlagOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    operation_id="deepcommons_api_flags_flag_create",
)
def flag_create(request: AuthenticatedHttpRequest, payload: FlagIn) -> tuple[int, dict[str, Any]]:
    """Flag something for the moderators; the same rules as the Flag page."""
    target = flag_target(payload.target_type, payload.target_id, request.user)
    duplicate_of = None
    if payload.duplicate_of is not None:
        duplicate_of = Post.objects.filter(pk=payload.duplicate_of, kind=Kind.QUESTION).first()
        if duplicate_of is None:
            raise Http404
    made = call(
        services.flag,
        flagger=request.user,
        target=target,
        reason=payload.reason,
        text=payload.text,
        duplicate_of=duplicate_of,
    )
    return 201, flag_out(made)


@router.get(
    "/flags",
    response={200: FlagPage, 400: ErrorOut},
    operation_id="deepcommons_api_flags_flag_list",
)
def flag_list(request: AuthenticatedHttpRequest, cursor: str = "") -> dict[str, Any]:
    """My flags, newest first, with how moderators judged them."""
    rows = Flag.objects.filter(flagger=request.user)
    page = keyset_page(rows, field="created_at", cursor=cursor, per_page=PAGE)
    return {"items": [flag_out(f) for f in page.items], "next_cursor": page.next_cursor}
