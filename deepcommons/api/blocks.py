"""Blocking a member: the reply says whether they are blocked now."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.api.errors import call_service
from deepcommons.api.schemas import ErrorOut
from deepcommons.social import services
from deepcommons.social.models import Block

router = Router(tags=["social"])


class BlockOut(Schema):
    username: str
    blocked: bool


def _state(request: AuthenticatedHttpRequest, target: User) -> dict[str, Any]:
    blocked = Block.objects.is_blocked(blocker=request.user, blocked=target)
    return {"username": target.username, "blocked": blocked}


@router.post(
    "/users/{username}/block",
    response={200: BlockOut, 400: ErrorOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_user_block",
)
def user_block(request: AuthenticatedHttpRequest, username: str) -> dict[str, Any]:
    """They can no longer message, mention or follow me; their follow of me ends."""
    target = get_object_or_404(User.objects.active().by_username(username))
    call_service(lambda: services.block_user(user=request.user, target=target))
    return _state(request, target)


@router.delete(
    "/users/{username}/block",
    response={200: BlockOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_user_unblock",
)
def user_unblock(request: AuthenticatedHttpRequest, username: str) -> dict[str, Any]:
    target = get_object_or_404(User.objects.active().by_username(username))
    services.unblock_user(user=request.user, target=target)
    return _state(request, target)
