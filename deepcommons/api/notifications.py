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


@router.get("/notifications", response=list[NotificationOut])
def notification_list(
    request: AuthenticatedHttpRequest, unread: bool = False, before_id: int | None = None
) -> list[dict[str, Any]]:
    """My notifications, newest first; page with `before_id`."""
    rows = Notification.objects.for_user(request.user).select_related("actor").order_by("-id")
    if unread:
        rows = rows.unread()
    if before_id:
        rows = rows.filter(id__lt=before_id)
    return [_notification(n) for n in rows[:PAGE]]


@router.get("/notifications/unread-count", response=CountOut)
def notification_unread_count(request: AuthenticatedHttpRequest) -> dict[str, int]:
    return {"count": Notification.objects.unread_count(user=request.user)}


def _marked(request: AuthenticatedHttpRequest, marked: int) -> dict[str, int]:
    return {"marked": marked, "unread": Notification.objects.unread_count(user=request.user)}


@router.post("/notifications/{notification_id}/read", response={200: MarkedReadOut, 404: ErrorOut})
def notification_read(request: AuthenticatedHttpRequest, notification_id: int) -> dict[str, int]:
    """`marked` is 0 when it was read already."""
    get_object_or_404(Notification.objects.for_user(request.user), pk=notification_id)
    marked = services.mark_read(user=request.user, notification_ids=[notification_id])
    return _marked(request, marked)


@router.post("/notifications/read-all", response=MarkedReadOut)
def notification_read_all(request: AuthenticatedHttpRequest) -> dict[str, int]:
    return _marked(request, services.mark_all_read(user=request.user))
