"""Follow, mute and block buttons; follower and following lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.core.htmx import is_htmx
from deepcommons.core.pagination import page_or_first
from deepcommons.social import services
from deepcommons.social.models import Follow
from deepcommons.social.querysets import people_of
from deepcommons.social.targets import find_target

LIST_PAGE_SIZE = 50


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or fallback
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = fallback
    return redirect(target)


def _box(request: HttpRequest, target: object) -> HttpResponse:
    return render(request, "social/_follow_box.html", {"target": target})


def _toggle(
    request: AuthenticatedHttpRequest,
    target_type: str,
    object_id: int,
    *,
    on: Callable[..., Any],
    off: Callable[..., Any],
    off_action: str,
) -> HttpResponse:
    """POST action=<on>|<off_action>; htmx gets the updated follow box."""
    user = request.user
    target = find_target(target_type, object_id, user=user)
    if target is None:
        raise Http404
    status = 200
    if request.POST.get("action") == off_action:
        off(user=user, target=target)
    else:
        try:
            on(user=user, target=target)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            status = 400
    if is_htmx(request):
        response = _box(request, target)
        response.status_code = status
        return response
    return _back(request, getattr(target, "get_absolute_url", lambda: "/")())


@login_required
@require_POST
def follow_toggle(
    request: AuthenticatedHttpRequest, target_type: str, object_id: int
) -> HttpResponse:
    """POST action=follow|unfollow. htmx gets the updated follow box."""
    return _toggle(
        request,
        target_type,
        object_id,
        on=services.follow,
        off=services.unfollow,
        off_action="unfollow",
    )


@login_required
@require_POST
def mute_toggle(
    request: AuthenticatedHttpRequest, target_type: str, object_id: int
) -> HttpResponse:
    """POST action=mute|unmute. htmx gets the updated follow box."""
    return _toggle(
        request,
        target_type,
        object_id,
        on=services.mute,
        off=services.unmute,
        off_action="unmute",
    )


@login_required
@require_POST
def block_toggle(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    user = request.user
    target = get_object_or_404(User.objects.active().by_username(username))
    status = 200
    if request.POST.get("action") == "unblock":
        services.unblock_user(user=user, target=target)
    else:
        try:
            services.block_user(user=user, target=target)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            status = 400
    if is_htmx(request):
        response = _box(request, target)
        response.status_code = status
        return response
    return _back(request, target.get_absolute_url())


def _people_page(request: HttpRequest, username: str, *, followers: bool) -> HttpResponse:
    profile = get_object_or_404(User.objects.active().by_username(username))
    result = page_or_first(
        Follow.objects.people_rows(profile=profile, followers=followers),
        field="created_at",
        cursor=request.GET.get("cursor", ""),
        per_page=LIST_PAGE_SIZE,
    )
    people = people_of(result.items, followers=followers)
    return render(
        request,
        "social/people_list.html",
        {
            "profile": profile,
            "people": people,
            "showing_followers": followers,
            "follower_total": Follow.objects.follower_count(target=profile),
            "following_total": Follow.objects.following_count(user=profile),
            "next_cursor": result.next_cursor,
        },
    )


def follower_list(request: HttpRequest, username: str) -> HttpResponse:
    return _people_page(request, username, followers=True)


def following_list(request: HttpRequest, username: str) -> HttpResponse:
    return _people_page(request, username, followers=False)
