"""Attendees rate an event; organisers read the summary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.events.forms import FeedbackForm
from deepcommons.events.services import leave_feedback, may_leave_feedback, summarise_feedback
from deepcommons.events.views.common import load_event, organised_event


@require_POST
@login_required
def feedback_create(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = load_event(event_id)
    if not may_leave_feedback(event, request.user):
        raise PermissionDenied
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            leave_feedback(
                event=event,
                user=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Thank you for your feedback."))
    else:
        messages.error(request, _("Choose a rating from 1 to 5."))
    return redirect(event.get_absolute_url())


@login_required
def feedback_summary(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = organised_event(request, event_id)
    return render(
        request,
        "events/feedback_summary.html",
        {"event": event, "summary": summarise_feedback(event)},
    )
