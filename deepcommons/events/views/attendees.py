"""Organisers' attendee list, its CSV export, QR tickets and check-in."""

from __future__ import annotations

import csv
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.events.models import Registration, RegistrationStatus
from deepcommons.events.services import check_in, check_in_path, registration_for_token
from deepcommons.events.views.common import load_event, organised_event

S = RegistrationStatus
ORDER = {S.GOING: 0, S.WAITLISTED: 1, S.INTERESTED: 2, S.CANCELLED: 3}


def _registrations(event_id: int) -> list[Registration]:
    rows = list(
        Registration.objects.filter(event_id=event_id)
        .exclude(status=S.CANCELLED)
        .select_related("user")
        .order_by("status_changed_at", "pk")
    )
    rows.sort(key=lambda r: ORDER[S(r.status)])
    return rows


@login_required
def attendee_list(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = organised_event(request, event_id)
    rows = _registrations(event.pk)
    return render(
        request,
        "events/attendee_list.html",
        {
            "event": event,
            "registrations": rows,
            "checked_in": sum(1 for r in rows if r.checked_in_at),
        },
    )


def _cell(value: str) -> str:
    # Spreadsheets run cells that start like a formula; quote them.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
def attendee_csv(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = organised_event(request, event_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [_("Username"), _("Name"), _("Status"), _("Registered"), _("Checked in"), *event.questions]
    )
    zone = timezone.get_current_timezone()
    for r in _registrations(event.pk):
        writer.writerow(
            [
                _cell(r.user.username),
                _cell(str(r.user.name)),
                r.status,
                r.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                r.checked_in_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
                if r.checked_in_at
                else "",
                *(_cell(str(r.answers.get(q, ""))) for q in event.questions),
            ]
        )
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-attendees.csv"'
    return response


@login_required
def attendee_qr(
    request: AuthenticatedHttpRequest, event_id: int, registration_id: int
) -> HttpResponse:
    """The ticket's QR code (SVG): the signed check-in URL. The attendee and
    the organisers may see it; for anyone else it does not exist."""
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_id, event_id=event_id
    )
    if registration.user_id != request.user.pk and not registration.event.is_organised_by(
        request.user
    ):
        raise Http404
    if registration.status != S.GOING:
        raise Http404
    url = request.build_absolute_uri(check_in_path(registration))
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    response = HttpResponse(image.to_string(encoding="unicode"), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def check_in_page(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """What an organiser's phone opens from a QR code: confirm, then check in."""
    registration = registration_for_token(token)
    if registration is None:
        raise Http404
    event = load_event(registration.event_id)
    if not event.is_organised_by(request.user):
        raise PermissionDenied
    registration.event = event
    if request.method == "POST":
        try:
            fresh = check_in(registration=registration, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            if fresh:
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": registration.user.name}
                )
            else:
                messages.info(
                    request,
                    _("%(name)s was already checked in.") % {"name": registration.user.name},
                )
        return redirect("events:check-in", token=token)
    return render(request, "events/check_in.html", {"event": event, "registration": registration})
