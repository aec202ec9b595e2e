"""Moderator actions and the audit log. Everyone else gets 403."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.api.common import call
from deepcommons.api.schemas import ErrorOut
from deepcommons.core.pagination import keyset_page
from deepcommons.moderation import services
from deepcommons.moderation.models import AuditEntry
from deepcommons.posts.models import Post

router = Router(tags=["moderation"])
PAGE = 50
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class CloseIn(Schema):
    reason: str = Field(max_length=16)
    duplicate_of: int | None = None


class ReasonIn(Schema):
    reason: str = Field(default="", max_length=500)


class MergeIn(ReasonIn):
    target: int


class SuspendIn(Schema):
    days: int | None = Field(default=None, description="Empty: indefinitely.")
    reason: str = Field(max_length=500)


class PostStateOut(Schema):
    id: int
    status: str
    closed: bool
    close_reason: str
    duplicate_of: int | None
    locked: bool


class UserStateOut(Schema):
    username: str
    is_active: bool
    suspended_until: datetime | None
    suspension_reason: str
    silenced_until: datetime | None


class DestroyOut(Schema):
    posts: int
    comments: int
    votes: int


class AuditEntryOut(Schema):
    id: int
    actor: str | None
    action: str
    target_type: str | None
    target_id: int | None
    target: str
    reason: str
    before: Any
    after: Any
    created_at: datetime


class AuditPage(Schema):
    items: list[AuditEntryOut]
    next_cursor: str | None


def _moderator(request: AuthenticatedHttpRequest) -> User:
    if not request.user.is_moderator:
        raise PermissionDenied
    return request.user


def _post(request: AuthenticatedHttpRequest, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("parent", "space"), pk=post_id)
    if not post.is_visible_to(request.user):
        raise PermissionDenied
    return post


def _post_state(post: Post) -> dict[str, Any]:
    post.refresh_from_db()
    return {
        "id": post.pk,
        "status": post.status,
        "closed": post.closed_at is not None,
        "close_reason": post.close_reason,
        "duplicate_of": post.duplicate_of_id,
        "locked": post.locked_at is not None,
    }


def _user_state(user: User) -> dict[str, Any]:
    user.refresh_from_db()
    return {
        "username": user.username,
        "is_active": user.is_active,
        "suspended_until": user.suspended_until,
        "suspension_reason": user.suspension_reason,
        "silenced_until": user.silenced_until,
    }


@router.post(
    "/moderation/posts/{post_id}/close",
    response={200: PostStateOut, **ERRORS},
    operation_id="deepcommons_api_moderation_post_close",
)
def post_close(request: AuthenticatedHttpRequest, post_id: int, payload: CloseIn) -> dict[str, Any]:
    post = _post(request, post_id)
    duplicate_of = None
    if payload.duplicate_of is not None:
        duplicate_of = get_object_or_404(Post, pk=payload.duplicate_of)
    call(
        services.close_post,
        post=post,
        by=request.user,
        reason=payload.reason,
        duplicate_of=duplicate_of,
    )
    return _post_state(post)


@router.post(
    "/moderation/posts/{post_id}/reopen",
    response={200: PostStateOut, **ERRORS},
    operation_id="deepcommons_api_moderation_post_reopen",
)
def post_reopen(request: AuthenticatedHttpRequest, post_id: int) -> dict[str, Any]:
    post = _post(request, post_id)
    call(services.reopen_post, post=post, by=request.user)
    return _post_state(post)


@router.post(
    "/moderation/posts/{post_id}/lock",
    response={200: PostStateOut, **ERRORS},
    operation_id="deepcommons_api_moderation_post_lock",
)
def post_lock(request: AuthenticatedHttpRequest, post_id: int, payload: ReasonIn) -> dict[str, Any]:
    post = _post(request, post_id)
    call(services.lock_post, post=post, by=request.user, reason=payload.reason)
    return _post_state(post)


@router.post(
    "/moderation/posts/{post_id}/unlock",
    response={200: PostStateOut, **ERRORS},
    operation_id="deepcommons_api_moderation_post_unlock",
)
def post_unlock(
    request: AuthenticatedHttpRequest, post_id: int, payload: ReasonIn
) -> dict[str, Any]:
    post = _post(request, post_id)
    call(services.unlock_post, post=post, by=request.user, reason=payload.reason)
    return _post_state(post)


@router.post(
    "/moderation/posts/{post_id}/merge",
    response={200: PostStateOut, **ERRORS},
    operation_id="deepcommons_api_moderation_post_merge",
)
def post_merge(request: AuthenticatedHttpRequest, post_id: int, payload: MergeIn) -> dict[str, Any]:
    source = _post(request, post_id)
    target = get_object_or_404(Post, pk=payload.target)
    merged = call(
        services.merge_questions,
        source=source,
        target=target,
        by=request.user,
        reason=payload.reason,
    )
    return _post_state(merged)


@router.post(
    "/moderation/users/{username}/suspend",
    response={200: UserStateOut, **ERRORS},
    operation_id="deepcommons_api_moderation_user_suspend",
)
def user_suspend(
    request: AuthenticatedHttpRequest, username: str, payload: SuspendIn
) -> dict[str, Any]:
    moderator = _moderator(request)
    user = get_object_or_404(User.objects.by_username(username))
    call(services.suspend_user, user=user, by=moderator, days=payload.days, reason=payload.reason)
    return _user_state(user)


@router.post(
    "/moderation/users/{username}/unsuspend",
    response={200: UserStateOut, **ERRORS},
    operation_id="deepcommons_api_moderation_user_unsuspend",
)
def user_unsuspend(
    request: AuthenticatedHttpRequest, username: str, payload: ReasonIn
) -> dict[str, Any]:
    moderator = _moderator(request)
    user = get_object_or_404(User.objects.by_username(username))
    call(services.unsuspend_user, user=user, by=moderator, reason=payload.reason)
    return _user_state(user)


@router.post(
    "/moderation/users/{username}/destroy-spammer",
    response={200: DestroyOut, **ERRORS},
    operation_id="deepcommons_api_moderation_user_destroy_spammer",
)
def user_destroy_spammer(
    request: AuthenticatedHttpRequest, username: str, payload: ReasonIn
) -> dict[str, int]:
    moderator = _moderator(request)
    user = get_object_or_404(User.objects.by_username(username))
    return call(services.destroy_spammer, user=user, by=moderator, reason=payload.reason)


@router.get(
    "/moderation/log",
    response={200: AuditPage, 400: ErrorOut, 403: ErrorOut},
    operation_id="deepcommons_api_moderation_log_list",
)
def log_list(
    request: AuthenticatedHttpRequest,
    cursor: str = "",
    action: str = "",
    actor: str = "",
    target_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """The audit log, newest first, with the same filters as the page."""
    _moderator(request)
    rows = AuditEntry.objects.for_browsing().filtered(
        action=action, actor=actor, target_type=target_type, since=since, until=until
    )
    page = keyset_page(rows, field="created_at", cursor=cursor, per_page=PAGE)
    items = [
        {
            "id": e.pk,
            "actor": e.actor.username if e.actor else None,
            "action": e.action,
            "target_type": (
                f"{e.target_type.app_label}.{e.target_type.model}" if e.target_type else None
            ),
            "target_id": e.target_id,
            "target": e.target_repr,
            "reason": e.reason,
            "before": e.before,
            "after": e.after,
            "created_at": e.created_at,
        }
        for e in page.items
    ]
    return {"items": items, "next_cursor": page.next_cursor}
