"""Registering (going / interested) and cancelling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.events.forms import RegistrationForm
from deepcommons.events.models import RegistrationStatus
from deepcommons.events.services import cancel_registration, register_for_event
from deepcommons.events.views.common import load_event


@require_POST
@login_required
def event_register(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = load_event(event_id)
    status = request.POST.get("status", RegistrationStatus.GOING)
    if status not in (RegistrationStatus.GOING, RegistrationStatus.INTERESTED):
        status = RegistrationStatus.GOING
    form = RegistrationForm(request.POST, questions=event.questions)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(str(e) for e in error))
        return redirect(event.get_absolute_url())
    try:
        registration = register_for_event(
            event=event, user=request.user, status=status, answers=form.answers()
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(event.get_absolute_url())
    if registration.status == RegistrationStatus.GOING:
        messages.success(request, _("You are going. See you there!"))
    elif registration.status == RegistrationStatus.WAITLISTED:
        messages.info(
            request,
            _("The event is full: you are on the waitlist and will be told if a seat opens."),
        )
    else:
        messages.success(request, _("Marked as interested."))
    return redirect(event.get_absolute_url())


@require_POST
@login_required
def event_unregister(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = load_event(event_id)
    cancel_registration(event=event, user=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_absolute_url())
