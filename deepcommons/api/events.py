"""Events: the calendar, one event, creating one, registering, my events.

The same services and QuerySet methods as the /events/ pages, so capacity,
the waitlist, privileges and the video-link window follow the same rules.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS
from deepcommons.core.pagination import keyset_page
from deepcommons.events.models import Event, Registration, RegistrationStatus
from deepcommons.events.services import (
    EventInput,
    cancel_registration,
    create_event,
    register_for_event,
)
from deepcommons.spaces.models import Space

router = Router(tags=["events"])
PER_PAGE = 20


class SpeakerOut(Schema):
    name: str
    username: str | None
    affiliation: str


class EventOut(Schema):
    id: int
    title: str
    url: str
    kind: str
    format: str
    language: str
    status: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    space: str | None
    tags: list[str]
    venue: str
    address: str
    city: str
    map_url: str
    capacity: int | None
    going: int
    waitlisted: int
    organiser: str
    co_organisers: list[str]
    speakers: list[SpeakerOut]
    questions: list[str]
    slides_url: str
    recording_url: str
    # Empty unless the caller may see it now (a registrant within the window).
    video_url: str
    my_status: str | None
    ics_url: str


class EventSummary(Schema):
    id: int
    title: str
    url: str
    kind: str
    format: str
    language: str
    status: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    space: str | None
    city: str
    capacity: int | None
    going: int


class EventPage(Schema):
    items: list[EventSummary]
    next_cursor: str | None


class EventIn(Schema):
    title: str
    description: str = ""
    kind: str = "talk"
    format: str = "online"
    language: str = "zh"
    space: str | None = None
    tags: list[str] = []
    starts_at: datetime
    ends_at: datetime
    timezone: str = "Asia/Shanghai"
    venue: str = ""
    address: str = ""
    city: str = ""
    capacity: int | None = None
    video_url: str = ""
    questions: list[str] = []
    speakers: list[str] = []
    co_organisers: list[str] = []


class RegistrationIn(Schema):
    status: str = RegistrationStatus.GOING
    answers: dict[str, str] = {}


class RegistrationOut(Schema):
    event_id: int
    status: str
    answers: dict[str, str]
    created_at: datetime
    checked_in_at: datetime | None


def summary_out(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "url": event.get_absolute_url(),
        "kind": event.kind,
        "format": event.format,
        "language": event.language,
        "status": event.status,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "timezone": event.timezone,
        "space": event.space.slug if event.space else None,
        "city": event.city,
        "capacity": event.capacity,
        "going": getattr(event, "going_count", 0),
    }


def event_out(event: Event, user: Any, registration: Registration | None) -> dict[str, Any]:
    return {
        **summary_out(event),
        "tags": [t.name for t in event.tags.all()],
        "venue": event.venue,
        "address": event.address,
        "map_url": event.map_url() if event.is_offline else "",
        "waitlisted": getattr(event, "waitlist_count", 0),
        "organiser": event.organiser.username,
        "co_organisers": [u.username for u in event.co_organisers.all()],
        "speakers": [
            {
                "name": s.display_name,
                "username": s.user.username if s.user else None,
                "affiliation": s.affiliation,
            }
            for s in event.speakers.all()
        ],
        "questions": event.questions,
        "slides_url": event.slides_url,
        "recording_url": event.recording_url,
        "video_url": event.video_link_for(user, registration),
        "my_status": registration.status if registration else None,
        "ics_url": f"/events/{event.pk}/event.ics",
    }


def registration_out(registration: Registration) -> dict[str, Any]:
    return {
        "event_id": registration.event_id,
        "status": registration.status,
        "answers": registration.answers,
        "created_at": registration.created_at,
        "checked_in_at": registration.checked_in_at,
    }


def _space(slug: str | None) -> Space | None:
    if not slug:
        return None
    space = Space.objects.filter(slug=slug).first()
    if space is None:
        raise HttpError(400, "Unknown space.")
    return space


def _list(*, past: bool, cursor: str, **filters: Any) -> dict[str, Any]:
    now = timezone.now()
    events = Event.objects.for_listing().filtered(**filters)
    events = events.past(now) if past else events.upcoming(now).scheduled()
    page = keyset_page(events, field="starts_at", cursor=cursor, per_page=PER_PAGE, descending=past)
    return {"items": [summary_out(e) for e in page.items], "next_cursor": page.next_cursor}


@router.get(
    "/events",
    response={200: EventPage, 400: ERRORS[400]},
    auth=None,
    operation_id="deepcommons_api_events_list",
)
def list_events(
    request: HttpRequest,
    cursor: str = "",
    format: str = "",
    city: str = "",
    space: str = "",
    kind: str = "",
    language: str = "",
) -> dict[str, Any]:
    """Upcoming events, the soonest first (as /events/), with the same filters."""
    return _list(
        past=False,
        cursor=cursor,
        format=format,
        city=city,
        space=_space(space),
        kind=kind,
        language=language,
    )


@router.get(
    "/events/past",
    response={200: EventPage, 400: ERRORS[400]},
    auth=None,
    operation_id="deepcommons_api_events_past",
)
def list_past_events(request: HttpRequest, cursor: str = "") -> dict[str, Any]:
    """Ended events, the latest first (as /events/past/)."""
    return _list(past=True, cursor=cursor)


@router.get(
    "/events/{event_id}",
    response={200: EventOut, 404: ERRORS[404]},
    auth=None,
    operation_id="deepcommons_api_events_detail",
)
def event_detail(request: HttpRequest, event_id: int) -> dict[str, Any]:
    event = get_object_or_404(Event.objects.for_page(), pk=event_id)
    user = request.user
    registration = (
        Registration.objects.filter(event=event, user=user).first()
        if user.is_authenticated
        else None
    )
    return event_out(event, user, registration)


@router.post(
    "/events",
    response={201: EventOut, **ERRORS},
    operation_id="deepcommons_api_events_create",
)
def create(request: HttpRequest, payload: EventIn) -> Status:
    """Create an event (needs the organiser privilege)."""
    user = common.signed_in_user(request)
    if timezone.is_naive(payload.starts_at) or timezone.is_naive(payload.ends_at):
        raise HttpError(400, "Give times with a UTC offset, e.g. 2031-05-01T19:00:00+08:00.")
    data = EventInput(
        title=payload.title,
        description=payload.description,
        kind=payload.kind,
        format=payload.format,
        language=payload.language,
        space=_space(payload.space),
        tags=payload.tags,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        timezone=payload.timezone,
        venue=payload.venue,
        address=payload.address,
        city=payload.city,
        capacity=payload.capacity,
        video_url=payload.video_url,
        questions=payload.questions,
        speakers=payload.speakers,
        co_organisers=payload.co_organisers,
    )
    event = common.call(create_event, organiser=user, data=data)
    return Status(201, event_out(Event.objects.for_page().get(pk=event.pk), user, None))


@router.post(
    "/events/{event_id}/registration",
    response={200: RegistrationOut, **ERRORS},
    operation_id="deepcommons_api_events_register",
)
def register(request: HttpRequest, event_id: int, payload: RegistrationIn) -> dict[str, Any]:
    """Going (a seat, or the waitlist when full) or interested."""
    user = common.signed_in_user(request)
    event = get_object_or_404(Event, pk=event_id)
    if payload.status not in (RegistrationStatus.GOING, RegistrationStatus.INTERESTED):
        raise HttpError(400, 'The status is "going" or "interested".')
    registration = common.call(
        register_for_event, event=event, user=user, status=payload.status, answers=payload.answers
    )
    return registration_out(registration)


@router.delete(
    "/events/{event_id}/registration",
    response={200: RegistrationOut, **ERRORS},
    operation_id="deepcommons_api_events_unregister",
)
def unregister(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """Cancel; a freed seat goes to the waitlist."""
    user = common.signed_in_user(request)
    event = get_object_or_404(Event, pk=event_id)
    registration = common.call(cancel_registration, event=event, user=user)
    if registration is None:
        raise HttpError(404, "You are not registered for this event.")
    return registration_out(registration)


@router.get(
    "/me/events",
    response={200: EventPage, **ERRORS},
    operation_id="deepcommons_api_events_mine",
)
def my_events(request: HttpRequest, cursor: str = "") -> dict[str, Any]:
    """Events I go to, wait for, am interested in or organise, upcoming first."""
    user = common.signed_in_user(request)
    page = keyset_page(
        Event.objects.registered_by(user).for_listing().upcoming(),
        field="starts_at",
        cursor=cursor,
        per_page=PER_PAGE,
        descending=False,
    )
    return {"items": [summary_out(e) for e in page.items], "next_cursor": page.next_cursor}
