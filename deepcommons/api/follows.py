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
from deepcommons.core.pagination import keyset_page
from deepcommons.social import services
from deepcommons.social.models import Follow
from deepcommons.social.querysets import people_of
from deepcommons.social.targets import find_target, key_for_label

router = Router(tags=["social"])
PAGE = 50


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


class FollowPage(Schema):
    items: list[FollowRowOut]
    next_cursor: str | None


class PersonOut(Schema):
    username: str
    display_name: str
    profile_url: str


class PersonPage(Schema):
    items: list[PersonOut]
    next_cursor: str | None


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


@router.post(
    "/follows",
    response={200: FollowOut, 400: ErrorOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_follow_create",
)
def follow_create(request: AuthenticatedHttpRequest, payload: FollowIn) -> dict[str, Any]:
    """Follow a user, space, tag or post (`target_type`: user, space, tag, post…)."""
    target = _target(request, payload.target_type, payload.target_id)
    call_service(lambda: services.follow(user=request.user, target=target))
    return _state(request, payload.target_type, target)


@router.delete(
    "/follows/{target_type}/{target_id}",
    response={200: FollowOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_follow_delete",
)
def follow_delete(
    request: AuthenticatedHttpRequest, target_type: str, target_id: int
) -> dict[str, Any]:
    target = _target(request, target_type, target_id)
    services.unfollow(user=request.user, target=target)
    return _state(request, target_type, target)


@router.get("/follows", response=FollowPage, operation_id="deepcommons_api_social_follow_list")
def follow_list(request: AuthenticatedHttpRequest, cursor: str = "") -> dict[str, Any]:
    """What I follow, newest first; pass `next_cursor` back as `cursor` for more."""
    rows = Follow.objects.filter(user=request.user).select_related("content_type")
    page = keyset_page(rows, field="created_at", cursor=cursor, per_page=PAGE)
    items = []
    for row in page.items:
        label = f"{row.content_type.app_label}.{row.content_type.model}"
        items.append(
            {
                "target_type": key_for_label(label) or row.content_type.model,
                "target_id": row.object_id,
                "created_at": row.created_at,
            }
        )
    return {"items": items, "next_cursor": page.next_cursor}


def _person(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "profile_url": user.get_absolute_url(),
    }


def _people(username: str, cursor: str, *, followers: bool) -> dict[str, Any]:
    """The same rows as the followers or following page, newest follow first."""
    profile = get_object_or_404(User.objects.active().by_username(username))
    rows = Follow.objects.people_rows(profile=profile, followers=followers)
    page = keyset_page(rows, field="created_at", cursor=cursor, per_page=PAGE)
    people = people_of(page.items, followers=followers)
    return {"items": [_person(u) for u in people], "next_cursor": page.next_cursor}


@router.get(
    "/users/{username}/followers",
    response={200: PersonPage, 400: ErrorOut, 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_social_user_followers",
)
def user_followers(request: HttpRequest, username: str, cursor: str = "") -> dict[str, Any]:
    """Who follows the member, newest first."""
    return _people(username, cursor, followers=True)


@router.get(
    "/users/{username}/following",
    response={200: PersonPage, 400: ErrorOut, 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_social_user_following",
)
def user_following(request: HttpRequest, username: str, cursor: str = "") -> dict[str, Any]:
    """Whom the member follows, newest first."""
    return _people(username, cursor, followers=False)
