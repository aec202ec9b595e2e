"""My notifications: the list, the bell's count, marking read.

Marking read answers with how many rows it changed and how many stay unread,
both counted by the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.api.schemas import ErrorOut
from deepcommons.core.pagination import keyset_page
from deepcommons.social import services
from deepcommons.social.models import Notification

router = Router(tags=["social"])
PAGE = 50


class NotificationOut(Schema):
    id: int
    kind: str
    actor: str | None
    title: str
    url: str
    count: int
    data: dict[str, Any]
    created_at: datetime
    read: bool


class NotificationPage(Schema):
    items: list[NotificationOut]
    next_cursor: str | None


class CountOut(Schema):
    count: int


class MarkedReadOut(Schema):
    marked: int
    unread: int


def _notification(n: Notification) -> dict[str, Any]:
    return {
        "id": n.pk,
        "kind": n.kind,
        "actor": n.actor.username if n.actor else None,
        "title": n.title,
        "url": n.url,
        "count": n.count,
        "data": n.data,
        "created_at": n.created_at,
        "read": n.is_read,
    }


@router.get(
    "/notifications",
    response={200: NotificationPage, 400: ErrorOut},
    operation_id="deepcommons_api_social_notification_list",
)
def notification_list(
    request: AuthenticatedHttpRequest, unread: bool = False, cursor: str = ""
) -> dict[str, Any]:
    """My notifications, newest first; pass `next_cursor` back as `cursor` for more."""
    rows = Notification.objects.for_user(request.user).select_related("actor")
    if unread:
        rows = rows.unread()
    page = keyset_page(rows, field="created_at", cursor=cursor, per_page=PAGE)
    return {"items": [_notification(n) for n in page.items], "next_cursor": page.next_cursor}


@router.get(
    "/notifications/unread-count",
    response=CountOut,
    operation_id="deepcommons_api_social_notification_unread_count",
)
def notification_unread_count(request: AuthenticatedHttpRequest) -> dict[str, int]:
    return {"count": Notification.objects.unread_count(user=request.user)}


def _marked(request: AuthenticatedHttpRequest, marked: int) -> dict[str, int]:
    return {"marked": marked, "unread": Notification.objects.unread_count(user=request.user)}


@router.post(
    "/notifications/{notification_id}/read",
    response={200: MarkedReadOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_notification_read",
)
def notification_read(request: AuthenticatedHttpRequest, notification_id: int) -> dict[str, int]:
    """`marked` is 0 when it was read already."""
    get_object_or_404(Notification.objects.for_user(request.user), pk=notification_id)
    marked = services.mark_read(user=request.user, notification_ids=[notification_id])
    return _marked(request, marked)


@router.post(
    "/notifications/read-all",
    response=MarkedReadOut,
    operation_id="deepcommons_api_social_notification_read_all",
)
def notification_read_all(request: AuthenticatedHttpRequest) -> dict[str, int]:
    return _marked(request, services.mark_all_read(user=request.user))
