"""iCalendar downloads and subscriptions."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.events.ical import build_calendar
from deepcommons.events.models import CalendarToken, Event
from deepcommons.events.services import reset_calendar_token
from deepcommons.events.views.common import load_event
from deepcommons.spaces.models import Space

# Feeds carry recent past events too, so a subscriber's calendar keeps them.
FEED_HISTORY = timedelta(days=90)
FEED_LIMIT = 500


def _ics(body: bytes, filename: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    event = load_event(event_id)
    return _ics(build_calendar([event], name=event.title), f"event-{event.pk}.ics", download=True)


def _feed_events(queryset: object) -> list[Event]:
    since = timezone.now() - FEED_HISTORY
    return list(
        Event.objects.filter(pk__in=queryset.values("pk"))  # type: ignore[attr-defined]
        .filter(ends_at__gte=since)
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def space_calendar(request: HttpRequest, space_slug: str) -> HttpResponse:
    space = get_object_or_404(Space, slug=space_slug)
    events = _feed_events(Event.objects.filter(space=space))
    name = _("%(space)s events") % {"space": space.name}
    return _ics(build_calendar(events, name=name), f"{space.slug}.ics", download=False)


def my_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The member's events, for calendar apps: the secret in the URL is the login."""
    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token).user
    if not owner.is_active:
        return HttpResponse(status=404)
    events = _feed_events(Event.objects.registered_by(owner))
    return _ics(build_calendar(events, name=_("My events")), "my-events.ics", download=False)


@require_POST
@login_required
def calendar_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    reset_calendar_token(user=request.user)
    messages.success(request, _("A new calendar address is made; the old one stops working."))
    return redirect("events:my-events")
