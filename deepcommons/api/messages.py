"""Messages in a conversation: reading, writing, attachments, reports.

Only participants reach them (404 for everyone else, whatever the ids).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.api.conversations import conversation_for
from deepcommons.api.errors import call_service
from deepcommons.api.schemas import ErrorOut
from deepcommons.core.pagination import keyset_page
from deepcommons.social import services
from deepcommons.social.attachments_http import attachment_response
from deepcommons.social.models import Message, MessageAttachment

router = Router(tags=["social"])
PAGE = 50


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


class ReportIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


class MessagePage(Schema):
    items: list[MessageOut]
    next_cursor: str | None


class ReportOut(Schema):
    message_id: int
    reported: bool
    reported_at: datetime


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


@router.get(
    "/conversations/{conversation_id}/messages",
    response={200: MessagePage, 400: ErrorOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_message_list",
)
def message_list(
    request: AuthenticatedHttpRequest, conversation_id: int, cursor: str = ""
) -> dict[str, Any]:
    """Newest first, the same rows as the page; reading them moves my read receipt.
    Pass `next_cursor` back as `cursor` for older messages."""
    conversation = conversation_for(request, conversation_id)
    rows = conversation.messages.select_related("sender").prefetch_related("attachments")
    page = keyset_page(rows, field="pk", cursor=cursor, per_page=PAGE)
    items = [_message(m) for m in page.items]
    services.mark_conversation_read(conversation=conversation, user=request.user)
    return {"items": items, "next_cursor": page.next_cursor}


@router.post(
    "/conversations/{conversation_id}/messages",
    response={201: MessageOut, 400: ErrorOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_message_create",
)
def message_create(
    request: AuthenticatedHttpRequest, conversation_id: int, payload: MessageIn
) -> tuple[int, dict[str, Any]]:
    conversation = conversation_for(request, conversation_id)
    message = call_service(
        lambda: services.send_message(
            conversation=conversation, sender=request.user, body=payload.body
        )
    )
    return 201, _message(message)


@router.get(
    "/conversations/{conversation_id}/attachments/{attachment_id}",
    response={200: None, 404: ErrorOut},
    operation_id="deepcommons_api_social_attachment_download",
)
def attachment_download(
    request: AuthenticatedHttpRequest, conversation_id: int, attachment_id: int
) -> Any:
    """The file itself, for participants only (404 for everyone else)."""
    conversation = conversation_for(request, conversation_id)
    attachment = get_object_or_404(
        MessageAttachment, pk=attachment_id, message__conversation=conversation
    )
    return attachment_response(attachment)


@router.post(
    "/conversations/{conversation_id}/messages/{message_id}/report",
    response={200: ReportOut, 400: ErrorOut, 404: ErrorOut},
    operation_id="deepcommons_api_social_message_report",
)
def message_report(
    request: AuthenticatedHttpRequest, conversation_id: int, message_id: int, payload: ReportIn
) -> dict[str, Any]:
    """Report a message to moderators; reporting it again keeps the first report."""
    conversation = conversation_for(request, conversation_id)
    message = get_object_or_404(conversation.messages.select_related("sender"), pk=message_id)
    report = call_service(
        lambda: services.report_message(
            message=message, reporter=request.user, reason=payload.reason
        )
    )
    return {"message_id": message.pk, "reported": True, "reported_at": report.created_at}
