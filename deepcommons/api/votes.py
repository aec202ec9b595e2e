"""Voting on any post."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS
from deepcommons.posts import services

router = Router(tags=["content"])


class VoteIn(Schema):
    value: int


class VoteOut(Schema):
    post_id: int
    value: int
    score: int


# Operation id as in the OpenAPI document from before this module was split out.
@router.post(
    "/posts/{post_id}/vote",
    response={200: VoteOut, **ERRORS},
    operation_id="deepcommons_api_content_vote",
)
def vote(request: HttpRequest, post_id: int, payload: VoteIn) -> dict[str, Any]:
    """value: 1 (up or like), -1 (down; questions and answers only) or 0 (retract)."""
    post = common.any_visible_post(request, post_id)
    value = common.call(
        services.vote, post=post, user=common.signed_in_user(request), value=payload.value
    )
    post.refresh_from_db(fields=["score"])
    return {"post_id": post.pk, "value": value, "score": post.score}
