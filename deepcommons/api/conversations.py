"""Private conversations: listing, starting, reading one, leaving, adding people.

Every conversation is found through the caller's membership, so anyone who is
not a participant gets 404, exactly like the pages. Unread counts come from
the same QuerySet as the messages page, in one query for the whole list.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404
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
from deepcommons.social.models import Conversation, Participant

router = Router(tags=["social"])
PAGE = 50


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
    last_message: str | None = Field(description="The newest message's Markdown text.")


class ConversationPage(Schema):
    items: list[ConversationOut]
    next_cursor: str | None


class UsernamesIn(Schema):
    usernames: list[str] = Field(min_length=1, max_length=19)


class ParticipantsOut(Schema):
    added: int
    participants: list[str]


class LeftOut(Schema):
    conversation_id: int
    participating: bool


def users_named(names: list[str]) -> list[User]:
    """Active members called `names`, in order; a 400 naming anyone missing."""
    users, missing = User.objects.active().named(names)
    if missing:
        raise HttpError(400, _("No member is called %(names)s.") % {"names": ", ".join(missing)})
    return users


def conversation_for(request: AuthenticatedHttpRequest, conversation_id: int) -> Conversation:
    """The conversation, if the caller takes part in it; 404 otherwise."""
    return get_object_or_404(
        Conversation.objects.visible_to(request.user).select_related("created_by"),
        pk=conversation_id,
    )


def _rows(memberships: list[Participant]) -> list[dict[str, Any]]:
    people = Participant.objects.people_by_conversation([m.conversation_id for m in memberships])
    return [
        {
            "id": m.conversation_id,
            "title": m.conversation.title,
            "is_group": m.conversation.is_group,
            "created_by": m.conversation.created_by.username,
            "participants": [u.username for u in people.get(m.conversation_id, [])],
            "last_message_at": m.conversation.last_message_at,
            "unread": m.unread,
            "last_message": m.last_body,
        }
        for m in memberships
    ]


def _one(request: AuthenticatedHttpRequest, conversation_id: int) -> dict[str, Any]:
    memberships = Participant.objects.for_user(request.user).with_unread_counts()
    membership = memberships.with_last_message().filter(conversation_id=conversation_id).first()
    if membership is None:
        raise Http404
    return _rows([membership])[0]


@router.get(
    "/conversations",
    response={200: ConversationPage, 400: ErrorOut},
    operation_id="deepcommons_api_social_conversation_list",
)
def conversation_list(request: AuthenticatedHttpRequest, cursor: str = "") -> dict[str, Any]:
    """Mine, most recently active first, the same rows as the page (2 queries
    whatever the number); pass `next_cursor` back as `cursor` for more."""
    memberships = Participant.objects.for_user(request.user).with_unread_counts()
    page = keyset_page(
        memberships.with_last_message(),
        field="conversation__last_message_at",
        cursor=cursor,
        per_page=PAGE,
    )
    return {"items": _rows(page.items), "next_cursor": page.next_cursor}


@router.post(
    "/conversations",
    response={201: ConversationOut, 400: ErrorOut, 422: ErrorOut},
    operation_id="deepcommons_api_social_conversation_create",
)
def conversation_create(
    request: AuthenticatedHttpRequest, payload: ConversationIn
) -> tuple[int, dict[str, Any]]:
    recipients = users_named(payload.recipients)
    conversation = call_service(
        lambda: services.start_conversation(
            starter=request.user, recipients=recipients, body=payload.body, title=payload.title
        )
    )
    return 201, _one(request, conversation.pk)


@router.get(
    "/conversations/{conversation_id}",
    response={200: ConversationOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_conversation_detail",
)
def conversation_detail(request: AuthenticatedHttpRequest, conversation_id: int) -> dict[str, Any]:
    return _one(request, conversation_id)


@router.post(
    "/conversations/{conversation_id}/leave",
    response={200: LeftOut, 400: ErrorOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_conversation_leave",
)
def conversation_leave(request: AuthenticatedHttpRequest, conversation_id: int) -> dict[str, Any]:
    """Leave a group conversation; one-to-one conversations answer 400."""
    conversation = conversation_for(request, conversation_id)
    call_service(lambda: services.leave_conversation(conversation=conversation, user=request.user))
    still_in = conversation.participants.active().filter(user=request.user).exists()
    return {"conversation_id": conversation.pk, "participating": still_in}


@router.post(
    "/conversations/{conversation_id}/participants",
    response={200: ParticipantsOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_conversation_add",
)
def conversation_add(
    request: AuthenticatedHttpRequest, conversation_id: int, payload: UsernamesIn
) -> dict[str, Any]:
    """Add people to a group conversation (its starter only)."""
    conversation = conversation_for(request, conversation_id)
    users = users_named(payload.usernames)
    added = call_service(
        lambda: services.add_participants(conversation=conversation, by=request.user, users=users)
    )
    people = Participant.objects.people_by_conversation([conversation.pk])
    return {"added": added, "participants": [u.username for u in people.get(conversation.pk, [])]}
