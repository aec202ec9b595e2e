"""Organisers' pages: create, edit, cancel, add materials, open the discussion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.forms import add_service_errors
from deepcommons.events.forms import CancelEventForm, EventForm, MaterialsForm, NewEventForm
from deepcommons.events.models import EVENT_ORGANISER_REPUTATION, EventSeries, can_organise
from deepcommons.events.services import (
    cancel_event,
    create_event,
    create_series,
    open_discussion,
    update_event,
    update_materials,
)
from deepcommons.events.services.series import series_events
from deepcommons.events.views.common import load_event


@login_required
def event_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_organise(request.user):
        return render(
            request,
            "events/event_form.html",
            {"refused": True, "threshold": EVENT_ORGANISER_REPUTATION},
            status=403,
        )
    form = NewEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.to_input()
        repeat = form.cleaned_data.get("repeat") or ""
        try:
            if repeat:
                series = create_series(
                    organiser=request.user,
                    data=data,
                    rule=repeat,
                    count=form.cleaned_data.get("occurrences") or 0,
                )
                messages.success(request, _("The series is scheduled."))
                return redirect(series.get_absolute_url())
            event = create_event(organiser=request.user, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You may not organise events."))
        else:
            messages.success(request, _("The event is published."))
            return redirect(event.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form, "new": True}, status=status)


@login_required
def event_edit(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = load_event(event_id)
    if not event.can_be_edited_by(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            update_event(event=event, by=request.user, data=form.to_input(existing=event))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event is updated."))
            return redirect(event.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form, "event": event}, status=status)


@login_required
def event_cancel(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = load_event(event_id)
    if not event.can_be_edited_by(request.user):
        raise PermissionDenied
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_event(event=event, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event is cancelled; registrants are notified."))
            return redirect(event.get_absolute_url())
    status = 400 if form.errors else 200
    return render(
        request, "events/event_cancel.html", {"form": form, "event": event}, status=status
    )


@require_POST
@login_required
def event_materials(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = load_event(event_id)
    if not event.can_be_edited_by(request.user):
        raise PermissionDenied
    form = MaterialsForm(request.POST)
    if form.is_valid():
        try:
            update_materials(
                event=event,
                by=request.user,
                slides_url=form.cleaned_data["slides_url"],
                recording_url=form.cleaned_data["recording_url"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The slides and recording are saved."))
            return redirect(event.get_absolute_url())
    for error in form.errors.values():
        messages.error(request, " ".join(str(e) for e in error))
    return redirect(event.get_absolute_url())


@require_POST
@login_required
def event_discussion(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = load_event(event_id)
    if not event.is_organised_by(request.user):
        raise PermissionDenied
    try:
        post = open_discussion(event=event, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(event.get_absolute_url())
    return redirect(post.get_absolute_url())


def series_detail(request: HttpRequest, series_id: int) -> HttpResponse:
    series = get_object_or_404(EventSeries.objects.select_related("organiser"), pk=series_id)
    return render(
        request,
        "events/series_detail.html",
        {"series": series, "events": series_events(series)},
    )
