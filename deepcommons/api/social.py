"""Endpoints for follows, the feed, notifications and private conversations.

They call the same services as the pages and answer 404 for conversations the
caller is not part of, exactly like the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError

from deepcommons.accounts.models import User
from deepcommons.api.api import api
from deepcommons.api.schemas import ErrorOut
from deepcommons.social import services
from deepcommons.social.attachments_http import attachment_response
from deepcommons.social.feed import FeedCursor, build_feed
from deepcommons.social.models import Conversation, Follow, Message, MessageAttachment, Notification
from deepcommons.social.targets import find_target, key_for_label

T = TypeVar("T")
TAGS = ["social"]
PAGE = 50


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _call(fn: Callable[[], T]) -> T:
    """Run a service; its ValidationError becomes a JSON 400."""
    try:
        return fn()
    except ValidationError as error:
        raise HttpError(400, error.messages[0]) from None


class FollowIn(Schema):
    target_type: str = Field(max_length=30)
    target_id: int


class FollowOut(Schema):
    target_type: str
    target_id: int
    following: bool


class FollowRowOut(Schema):
    target_type: str
    target_id: int
    created_at: datetime


class PersonOut(Schema):
    username: str
    display_name: str
    profile_url: str


class FeedItemOut(Schema):
    key: str
    created_at: datetime
    data: dict[str, Any]


class FeedOut(Schema):
    items: list[FeedItemOut]
    next_cursor: str | None


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


class ConversationIn(Schema):
    recipients: list[str] = Field(min_length=1, max_length=19)
    title: str = Field("", max_length=120)
    body: str = Field(min_length=1, max_length=20_000)


class ConversationOut(Schema):
    id: int
    title: str
    is_group: bool
    created_by: str
    participants: list[str]
    last_message_at: datetime
    unread: int


class MessageIn(Schema):
    body: str = Field(min_length=1, max_length=20_000)


class AttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    url: str


class MessageOut(Schema):
    id: int
    sender: str
    body: str
    body_html: str
    created_at: datetime
    attachments: list[AttachmentOut]


class UsernamesIn(Schema):
    usernames: list[str] = Field(min_length=1, max_length=19)


class ReportIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


def _target(request: HttpRequest, target_type: str, target_id: int) -> Any:
    target = find_target(target_type, target_id, user=request.user)
    if target is None:
        raise HttpError(404, _("Not found."))
    return target


@api.post("/follows", response={200: FollowOut, 400: ErrorOut, 404: ErrorOut}, tags=TAGS)
def follow_create(request: HttpRequest, payload: FollowIn) -> dict[str, Any]:
    """Follow a user, space, tag or post (`target_type`: user, space, tag, post…)."""
    target = _target(request, payload.target_type, payload.target_id)
    _call(lambda: services.follow(user=_user(request), target=target))
    return {"target_type": payload.target_type, "target_id": target.pk, "following": True}


@api.delete(
    "/follows/{target_type}/{target_id}", response={200: FollowOut, 404: ErrorOut}, tags=TAGS
)
def follow_delete(request: HttpRequest, target_type: str, target_id: int) -> dict[str, Any]:
    target = _target(request, target_type, target_id)
    services.unfollow(user=_user(request), target=target)
    return {"target_type": target_type, "target_id": target.pk, "following": False}


@api.get("/follows", response=list[FollowRowOut], tags=TAGS)
def follow_list(request: HttpRequest, before_id: int | None = None) -> list[dict[str, Any]]:
    """What I follow, newest first; page with `before_id` (the last row's id)."""
    rows = Follow.objects.filter(user=_user(request)).select_related("content_type")
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


@api.get(
    "/users/{username}/followers",
    response={200: list[PersonOut], 404: ErrorOut},
    auth=None,
    tags=TAGS,
)
def user_followers(request: HttpRequest, username: str) -> list[dict[str, Any]]:
    profile = get_object_or_404(User.objects.active(), username__iexact=username)
    return [
        _person(u) for u in Follow.objects.watchers_of(target=profile).order_by("username")[:200]
    ]


@api.get(
    "/users/{username}/following",
    response={200: list[PersonOut], 404: ErrorOut},
    auth=None,
    tags=TAGS,
)
def user_following(request: HttpRequest, username: str) -> list[dict[str, Any]]:
    profile = get_object_or_404(User.objects.active(), username__iexact=username)
    return [
        _person(u) for u in Follow.objects.following_users(user=profile).order_by("username")[:200]
    ]


@api.post(
    "/users/{username}/block", response={200: CountOut, 400: ErrorOut, 404: ErrorOut}, tags=TAGS
)
def user_block(request: HttpRequest, username: str) -> dict[str, int]:
    target = get_object_or_404(User.objects.active(), username__iexact=username)
    _call(lambda: services.block_user(user=_user(request), target=target))
    return {"count": 1}


@api.delete("/users/{username}/block", response={200: CountOut, 404: ErrorOut}, tags=TAGS)
def user_unblock(request: HttpRequest, username: str) -> dict[str, int]:
    target = get_object_or_404(User.objects.active(), username__iexact=username)
    return {"count": int(services.unblock_user(user=_user(request), target=target))}


@api.get("/feed", response=FeedOut, tags=TAGS)
def feed(request: HttpRequest, cursor: str | None = None) -> dict[str, Any]:
    """New posts from what I follow, newest first; pass `next_cursor` back for more."""
    page = build_feed(user=_user(request), cursor=FeedCursor.decode(cursor), limit=20)
    return {
        "items": [{"key": i.key, "created_at": i.created_at, "data": i.data} for i in page.items],
        "next_cursor": page.next_cursor.encode() if page.next_cursor else None,
    }


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


@api.get("/notifications", response=list[NotificationOut], tags=TAGS)
def notification_list(
    request: HttpRequest, unread: bool = False, before_id: int | None = None
) -> list[dict[str, Any]]:
    """My notifications, newest first; page with `before_id`."""
    rows = Notification.objects.for_user(_user(request)).select_related("actor").order_by("-id")
    if unread:
        rows = rows.unread()
    if before_id:
        rows = rows.filter(id__lt=before_id)
    return [_notification(n) for n in rows[:PAGE]]


@api.get("/notifications/unread-count", response=CountOut, tags=TAGS)
def notification_unread_count(request: HttpRequest) -> dict[str, int]:
    return {"count": Notification.objects.unread_count(user=_user(request))}


@api.post(
    "/notifications/{notification_id}/read", response={200: CountOut, 404: ErrorOut}, tags=TAGS
)
def notification_read(request: HttpRequest, notification_id: int) -> dict[str, int]:
    get_object_or_404(Notification.objects.for_user(_user(request)), pk=notification_id)
    return {"count": services.mark_read(user=_user(request), notification_ids=[notification_id])}


@api.post("/notifications/read-all", response=CountOut, tags=TAGS)
def notification_read_all(request: HttpRequest) -> dict[str, int]:
    return {"count": services.mark_all_read(user=_user(request))}


def _users_named(names: list[str]) -> list[User]:
    users, missing = User.objects.active().named(names)
    if missing:
        raise HttpError(400, _("No member is called %(names)s.") % {"names": ", ".join(missing)})
    return users


def _conversation_out(conversation: Conversation, user: User) -> dict[str, Any]:
    participants = list(conversation.participants.active().select_related("user"))
    mine = next((p for p in participants if p.user_id == user.pk), None)
    unread = (
        conversation.messages.filter(id__gt=mine.last_read_message_id).exclude(sender=user).count()
        if mine
        else 0
    )
    return {
        "id": conversation.pk,
        "title": conversation.title,
        "is_group": conversation.is_group,
        "created_by": conversation.created_by.username,
        "participants": [p.user.username for p in participants],
        "last_message_at": conversation.last_message_at,
        "unread": unread,
    }


def _conversation(request: HttpRequest, conversation_id: int) -> Conversation:
    return get_object_or_404(
        Conversation.objects.visible_to(request.user).select_related("created_by"),
        pk=conversation_id,
    )


@api.get("/conversations", response=list[ConversationOut], tags=TAGS)
def conversation_list(request: HttpRequest) -> list[dict[str, Any]]:
    user = _user(request)
    rows = Conversation.objects.visible_to(user).select_related("created_by").newest_first()
    return [_conversation_out(c, user) for c in rows[:PAGE]]


@api.post(
    "/conversations", response={201: ConversationOut, 400: ErrorOut, 422: ErrorOut}, tags=TAGS
)
def conversation_create(
    request: HttpRequest, payload: ConversationIn
) -> tuple[int, dict[str, Any]]:
    user = _user(request)
    recipients = _users_named(payload.recipients)
    conversation = _call(
        lambda: services.start_conversation(
            starter=user, recipients=recipients, body=payload.body, title=payload.title
        )
    )
    return 201, _conversation_out(conversation, user)


@api.get(
    "/conversations/{conversation_id}", response={200: ConversationOut, 404: ErrorOut}, tags=TAGS
)
def conversation_detail(request: HttpRequest, conversation_id: int) -> dict[str, Any]:
    return _conversation_out(_conversation(request, conversation_id), _user(request))


def _message(m: Message) -> dict[str, Any]:
    return {
        "id": m.pk,
        "sender": m.sender.username,
        "body": m.body,
        "body_html": m.body_html,
        "created_at": m.created_at,
        "attachments": [
            {
                "id": a.pk,
                "filename": a.filename,
                "content_type": a.content_type,
                "size": a.size,
                "url": f"/api/v1/conversations/{m.conversation_id}/attachments/{a.pk}",
            }
            for a in m.attachments.all()
        ],
    }


@api.get(
    "/conversations/{conversation_id}/messages",
    response={200: list[MessageOut], 404: ErrorOut},
    tags=TAGS,
)
def message_list(
    request: HttpRequest, conversation_id: int, before_id: int | None = None
) -> list[dict[str, Any]]:
    """Newest first; reading them moves my read receipt."""
    conversation = _conversation(request, conversation_id)
    rows = (
        conversation.messages.select_related("sender")
        .prefetch_related("attachments")
        .order_by("-id")
    )
    if before_id:
        rows = rows.filter(id__lt=before_id)
    page = [_message(m) for m in rows[:PAGE]]
    services.mark_conversation_read(conversation=conversation, user=_user(request))
    return page


@api.post(
    "/conversations/{conversation_id}/messages",
    response={201: MessageOut, 400: ErrorOut, 404: ErrorOut},
    tags=TAGS,
)
def message_create(
    request: HttpRequest, conversation_id: int, payload: MessageIn
) -> tuple[int, dict[str, Any]]:
    conversation = _conversation(request, conversation_id)
    message = _call(
        lambda: services.send_message(
            conversation=conversation, sender=_user(request), body=payload.body
        )
    )
    return 201, _message(message)


@api.get(
    "/conversations/{conversation_id}/attachments/{attachment_id}",
    response={200: None, 404: ErrorOut},
    tags=TAGS,
)
def attachment_download(request: HttpRequest, conversation_id: int, attachment_id: int) -> Any:
    """The file itself, for participants only (404 for everyone else)."""
    conversation = _conversation(request, conversation_id)
    attachment = get_object_or_404(
        MessageAttachment, pk=attachment_id, message__conversation=conversation
    )
    return attachment_response(attachment)


@api.post(
    "/conversations/{conversation_id}/leave",
    response={200: CountOut, 400: ErrorOut, 404: ErrorOut},
    tags=TAGS,
)
def conversation_leave(request: HttpRequest, conversation_id: int) -> dict[str, int]:
    conversation = _conversation(request, conversation_id)
    _call(lambda: services.leave_conversation(conversation=conversation, user=_user(request)))
    return {"count": 1}


@api.post(
    "/conversations/{conversation_id}/participants",
    response={200: CountOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    tags=TAGS,
)
def conversation_add(
    request: HttpRequest, conversation_id: int, payload: UsernamesIn
) -> dict[str, int]:
    """Add people to a group conversation (its starter only)."""
    conversation = _conversation(request, conversation_id)
    users = _users_named(payload.usernames)
    added = _call(
        lambda: services.add_participants(conversation=conversation, by=_user(request), users=users)
    )
    return {"count": added}


@api.post(
    "/conversations/{conversation_id}/messages/{message_id}/report",
    response={200: CountOut, 400: ErrorOut, 404: ErrorOut},
    tags=TAGS,
)
def message_report(
    request: HttpRequest, conversation_id: int, message_id: int, payload: ReportIn
) -> dict[str, int]:
    conversation = _conversation(request, conversation_id)
    message = get_object_or_404(conversation.messages.select_related("sender"), pk=message_id)
    _call(
        lambda: services.report_message(
            message=message, reporter=_user(request), reason=payload.reason
        )
    )
    return {"count": 1}
