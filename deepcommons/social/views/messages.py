"""Private conversations. Every view answers 404 to anyone who is not a participant."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.pagination import page_or_first
from deepcommons.social import services
from deepcommons.social.attachments_http import attachment_response
from deepcommons.social.forms import AddPeopleForm, ConversationForm, MessageForm, ReportForm
from deepcommons.social.models import Conversation, Message, MessageAttachment, Participant
from deepcommons.social.receipts import read_receipts

MESSAGES_PER_PAGE = 50
CONVERSATIONS_PER_PAGE = 30


def _conversation_for(request: HttpRequest, conversation_id: int) -> Conversation:
    return get_object_or_404(Conversation.objects.visible_to(request.user), pk=conversation_id)


@login_required
def conversation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    result = page_or_first(
        Participant.objects.for_user(user).with_unread_counts().with_last_message(),
        field="conversation__last_message_at",
        cursor=request.GET.get("cursor", ""),
        per_page=CONVERSATIONS_PER_PAGE,
    )
    page = result.items
    people = Participant.objects.people_by_conversation([m.conversation_id for m in page])
    rows = [
        {
            "conversation": m.conversation,
            "unread": m.unread,
            "people": [p for p in people.get(m.conversation_id, []) if p.pk != user.pk],
            "preview": m.last_body or "",
            "preview_is_mine": m.last_sender_id == user.pk,
        }
        for m in page
    ]
    return render(
        request,
        "social/conversation_list.html",
        {"rows": rows, "next_cursor": result.next_cursor},
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    initial = {"recipients": request.GET.get("to", "")[:100]}
    form = ConversationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.start_conversation(
                starter=user,
                recipients=form.cleaned_data["recipients"],
                body=form.cleaned_data["body"],
                title=form.cleaned_data["title"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(conversation)
    return render(
        request,
        "social/conversation_create.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_detail(request: AuthenticatedHttpRequest, conversation_id: int) -> HttpResponse:
    user = request.user
    conversation = _conversation_for(request, conversation_id)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_message(
                conversation=conversation,
                sender=user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(conversation)
    services.mark_conversation_read(conversation=conversation, user=user)
    # Newest first from the database, shown oldest first; the cursor pages back in time.
    result = page_or_first(
        conversation.messages.select_related("sender").prefetch_related("attachments"),
        field="pk",
        cursor=request.GET.get("cursor", ""),
        per_page=MESSAGES_PER_PAGE,
    )
    page = list(reversed(result.items))
    participants = list(
        conversation.participants.active().select_related("user").order_by("joined_at", "id")
    )
    return render(
        request,
        "social/conversation_detail.html",
        {
            "conversation": conversation,
            "messages_page": page,
            "participants": participants,
            "receipts": read_receipts(page, participants, viewer=user),
            "older_cursor": result.next_cursor,
            "form": form,
            "add_form": AddPeopleForm(),
            "can_add": conversation.is_group and conversation.can_add_people(user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def conversation_leave(request: AuthenticatedHttpRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation_for(request, conversation_id)
    try:
        services.leave_conversation(conversation=conversation, user=request.user)
    except ValidationError as error:
        flash.error(request, error.messages[0])
        return redirect(conversation)
    flash.success(request, _("You left the conversation."))
    return redirect("social:conversation-list")


@login_required
@require_POST
def conversation_add(request: AuthenticatedHttpRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation_for(request, conversation_id)
    form = AddPeopleForm(request.POST)
    if form.is_valid():
        try:
            services.add_participants(
                conversation=conversation,
                by=request.user,
                users=form.cleaned_data["usernames"],
            )
        except PermissionDenied:
            raise
        except ValidationError as error:
            flash.error(request, error.messages[0])
        else:
            flash.success(request, _("People added."))
    else:
        flash.error(request, str(form.errors["usernames"][0]))
    return redirect(conversation)


@login_required
@require_http_methods(["GET", "POST"])
def message_report(
    request: AuthenticatedHttpRequest, conversation_id: int, message_id: int
) -> HttpResponse:
    conversation = _conversation_for(request, conversation_id)
    message = get_object_or_404(
        Message.objects.select_related("sender"), pk=message_id, conversation=conversation
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_message(
                message=message,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("Thank you. Moderators will look at this message."))
            return redirect(conversation)
    if message.sender_id == request.user.pk:
        raise Http404
    return render(
        request,
        "social/message_report.html",
        {"conversation": conversation, "message": message, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def attachment_download(
    request: AuthenticatedHttpRequest, conversation_id: int, attachment_id: int
) -> FileResponse:
    """A participant downloads a file; anyone else gets 404, whatever the ids."""
    conversation = _conversation_for(request, conversation_id)
    attachment = get_object_or_404(
        MessageAttachment, pk=attachment_id, message__conversation=conversation
    )
    return attachment_response(attachment)
