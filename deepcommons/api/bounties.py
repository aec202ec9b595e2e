"""Bounties: the open ones, offering one on a question, awarding it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS
from deepcommons.core.pagination import keyset_page
from deepcommons.posts.models import Kind, Post
from deepcommons.reputation.models import Bounty
from deepcommons.reputation.services.bounties import award_bounty, offer_bounty

router = Router(tags=["bounties"])
PER_PAGE = 20


class BountyOut(Schema):
    id: int
    question_id: int
    question_title: str
    question_url: str
    offered_by: str
    amount: int
    status: str
    created_at: datetime
    ends_at: datetime
    awarded_answer_id: int | None
    awarded_automatically: bool


class BountyPage(Schema):
    items: list[BountyOut]
    next_cursor: str | None


class BountyIn(Schema):
    # Any JSON value: the service refuses non-integers, negative and huge
    # amounts with the same messages as the page.
    amount: Any


def bounty_out(bounty: Bounty) -> dict[str, Any]:
    return {
        "id": bounty.pk,
        "question_id": bounty.question_id,
        "question_title": bounty.question.title,
        "question_url": bounty.question.get_absolute_url(),
        "offered_by": bounty.offered_by.username,
        "amount": bounty.amount,
        "status": bounty.status,
        "created_at": bounty.created_at,
        "ends_at": bounty.ends_at,
        "awarded_answer_id": bounty.awarded_answer_id,
        "awarded_automatically": bounty.awarded_automatically,
    }


@router.get(
    "/bounties",
    response={200: BountyPage, 400: ERRORS[400]},
    auth=None,
    operation_id="deepcommons_api_bounties_list",
)
def list_bounties(request: HttpRequest, cursor: str = "") -> dict[str, Any]:
    """Open bounties on visible questions, the soonest to end first (as /bounties/)."""
    page = keyset_page(
        Bounty.objects.featured(),
        field="ends_at",
        cursor=cursor,
        per_page=PER_PAGE,
        descending=False,
    )
    return {"items": [bounty_out(b) for b in page.items], "next_cursor": page.next_cursor}


@router.post(
    "/questions/{post_id}/bounty",
    response={201: BountyOut, **ERRORS},
    operation_id="deepcommons_api_bounties_offer",
)
def offer(request: HttpRequest, post_id: int, payload: BountyIn) -> Status:
    question = common.visible_post(request, post_id, Kind.QUESTION)
    bounty = common.call(
        offer_bounty, question=question, by=common.signed_in_user(request), amount=payload.amount
    )
    return Status(201, bounty_out(bounty))


class AwardIn(Schema):
    answer_id: int


@router.post(
    "/bounties/{bounty_id}/award",
    response={200: BountyOut, **ERRORS},
    operation_id="deepcommons_api_bounties_award",
)
def award(request: HttpRequest, bounty_id: int, payload: AwardIn) -> dict[str, Any]:
    bounty = get_object_or_404(
        Bounty.objects.select_related("question", "offered_by"), pk=bounty_id
    )
    common.visible_post(request, bounty.question_id, Kind.QUESTION)
    answer = get_object_or_404(Post, pk=payload.answer_id, kind=Kind.ANSWER)
    bounty = common.call(
        award_bounty, bounty=bounty, answer=answer, by=common.signed_in_user(request)
    )
    return bounty_out(bounty)
