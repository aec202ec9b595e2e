"""Follows: what I follow, following and unfollowing, a member's followers.

Replies give the state after the change as the database has it (whether I
follow and the follower count), so a repeated follow does not claim more.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.api.errors import call_service
from deepcommons.api.schemas import ErrorOut
from deepcommons.social import services
from deepcommons.social.models import Follow
from deepcommons.social.targets import find_target, key_for_label

router = Router(tags=["social"])
PAGE = 50
PEOPLE_LIMIT = 200


class FollowIn(Schema):
    target_type: str = Field(max_length=30)
    target_id: int


class FollowOut(Schema):
    target_type: str
    target_id: int
    following: bool
    follower_count: int


class FollowRowOut(Schema):
    target_type: str
    target_id: int
    created_at: datetime


class PersonOut(Schema):
    username: str
    display_name: str
    profile_url: str


def _target(request: AuthenticatedHttpRequest, target_type: str, target_id: int) -> Any:
    target = find_target(target_type, target_id, user=request.user)
    if target is None:
        raise HttpError(404, _("Not found."))
    return target


def _state(request: AuthenticatedHttpRequest, target_type: str, target: Any) -> dict[str, Any]:
    followers, following = Follow.objects.follow_counts(target=target, viewer=request.user)
    return {
        "target_type": target_type,
        "target_id": target.pk,
        "following": following,
        "follower_count": followers,
    }


@router.post("/follows", response={200: FollowOut, 400: ErrorOut, 404: ErrorOut})
def follow_create(request: AuthenticatedHttpRequest, payload: FollowIn) -> dict[str, Any]:
    """Follow a user, space, tag or post (`target_type`: user, space, tag, post…)."""
    target = _target(request, payload.target_type, payload.target_id)
    call_service(lambda: services.follow(user=request.user, target=target))
    return _state(request, payload.target_type, target)


@router.delete("/follows/{target_type}/{target_id}", response={200: FollowOut, 404: ErrorOut})
def follow_delete(
    request: AuthenticatedHttpRequest, target_type: str, target_id: int
) -> dict[str, Any]:
    target = _target(request, target_type, target_id)
    services.unfollow(user=request.user, target=target)
    return _state(request, target_type, target)


@router.get("/follows", response=list[FollowRowOut])
def follow_list(
    request: AuthenticatedHttpRequest, before_id: int | None = None
) -> list[dict[str, Any]]:
    """What I follow, newest first; page with `before_id` (the last row's id)."""
    rows = Follow.objects.filter(user=request.user).select_related("content_type")
    if before_id:
        rows = rows.filter(id__lt=before_id)
    result = []
    for row in rows.order_by("-id")[:PAGE]:
        label = f"{row.content_type.app_label}.{row.content_type.model}"
        result.append(
            {
                "target_type": key_for_label(label) or row.content_type.model,
                "target_id": row.object_id,
                "created_at": row.created_at,
            }
        )
    return result


def _person(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "profile_url": user.get_absolute_url(),
    }


@router.get(
    "/users/{username}/followers", response={200: list[PersonOut], 404: ErrorOut}, auth=None
)
def user_followers(request: HttpRequest, username: str) -> list[dict[str, Any]]:
    profile = get_object_or_404(User.objects.active().by_username(username))
    people = Follow.objects.watchers_of(target=profile).order_by("username")
    return [_person(u) for u in people[:PEOPLE_LIMIT]]


@router.get(
    "/users/{username}/following", response={200: list[PersonOut], 404: ErrorOut}, auth=None
)
def user_following(request: HttpRequest, username: str) -> list[dict[str, Any]]:
    profile = get_object_or_404(User.objects.active().by_username(username))
    people = Follow.objects.following_users(user=profile).order_by("username")
    return [_person(u) for u in people[:PEOPLE_LIMIT]]
