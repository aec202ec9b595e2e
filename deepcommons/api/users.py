"""Endpoints about users."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.api.schemas import ErrorOut, MeOut, PublicUserOut

router = Router(tags=["users"])


def _public(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "bio_html": user.bio_html,
        "location": user.location,
        "website": user.website,
        "github": user.github,
        "google_scholar": user.google_scholar,
        "orcid": user.orcid,
        "skills": user.skills,
        "research_interests": user.research_interests,
        "avatar_url": user.avatar.url if user.avatar else None,
        "date_joined": user.date_joined,
        "profile_url": user.get_absolute_url(),
    }


@router.get("/me", response={200: MeOut, 401: ErrorOut})
def me(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """The authenticated user, with private fields."""
    user = request.user
    return {
        **_public(user),
        "email": user.email,
        "preferred_language": user.preferred_language,
        "timezone": user.timezone,
        "is_staff": user.is_staff,
        "groups": [g.name for g in user.groups.all()],
    }


@router.get("/users/{username}", response={200: PublicUserOut, 404: ErrorOut}, auth=None)
def user_detail(request: HttpRequest, username: str) -> dict[str, Any]:
    """A public profile. Usernames match regardless of case."""
    user = get_object_or_404(User.objects.active().by_username(username))
    return _public(user)
