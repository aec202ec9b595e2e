"""The calendar of upcoming events, the archive, an event's page, my events."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.pagecache import cache_anonymous, cached_partials, get_versions
from deepcommons.core.pagination import is_valid_cursor, page_or_first
from deepcommons.events.forms import (
    EventFilterForm,
    FeedbackForm,
    MaterialsForm,
    RegistrationForm,
)
from deepcommons.events.models import Event, Feedback, Registration, can_organise
from deepcommons.events.pagecache import LISTS
from deepcommons.events.services import calendar_token_for, may_leave_feedback
from deepcommons.events.views.common import load_event

PER_PAGE = 20


LIST_TEMPLATE = "events/event_list.html"


def _rows(filters: dict[str, Any], *, past: bool, cursor: str, query: str) -> dict[str, Any]:
    """What the event-rows partial renders: one page of the calendar."""
    now = timezone.now()
    events = Event.objects.for_listing().filtered(**filters)
    events = events.past(now) if past else events.upcoming(now).scheduled()
    page = page_or_first(
        events, field="starts_at", cursor=cursor, per_page=PER_PAGE, descending=past
    )
    return {"page": page, "past": past, "query": query}


def _list(request: HttpRequest, *, past: bool) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    query = request.GET.copy()
    cursor = query.pop("cursor", [""])[-1]
    if not is_valid_cursor(Event, cursor, field="starts_at", descending=past):
        cursor = ""
    # The rows are shared by every viewer with the same filters: they show
    # nothing about the viewer but whether they are signed in (visitors'
    # browsers localise the times).
    normalised = sorted((k, v) for k, v in filters.items() if v)
    parts = (
        get_versions(LISTS)[0],
        past,
        repr(normalised),
        cursor,
        request.user.is_authenticated,
    )
    shared = cached_partials(
        request,
        LIST_TEMPLATE,
        ["event-rows"],
        parts=parts,
        context=partial(_rows, filters, past=past, cursor=cursor, query=query.urlencode()),
    )
    return render(
        request,
        LIST_TEMPLATE,
        {
            "form": form,
            "past": past,
            "rows_html": shared["event-rows"],
            "can_organise": can_organise(request.user),
            "space": filters.get("space"),
        },
    )


@cache_anonymous
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events (and running ones), the soonest first, with filters."""
    return _list(request, past=False)


@cache_anonymous
def event_past(request: HttpRequest) -> HttpResponse:
    """The archive: ended events, the latest first."""
    return _list(request, past=True)


@cache_anonymous
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = load_event(event_id)
    user = request.user
    now = timezone.now()
    registration = None
    feedback = None
    if user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=user).first()
        feedback = Feedback.objects.filter(event=event, user=user).first()
    is_organiser = event.is_organised_by(user)
    can_feedback = registration is not None and may_leave_feedback(event, request.user)  # type: ignore[arg-type]
    context = {
        "event": event,
        "now": now,
        "registration": registration,
        "is_organiser": is_organiser,
        "can_edit": event.can_be_edited_by(user),
        "video_link": event.video_link_for(user, registration, now),
        "registration_form": RegistrationForm(
            questions=event.questions,
            initial={
                f"q{i}": (registration.answers.get(q, "") if registration else "")
                for i, q in enumerate(event.questions)
            },
        ),
        "can_feedback": can_feedback,
        "feedback": feedback,
        "feedback_form": FeedbackForm(
            initial={"rating": feedback.rating, "comment": feedback.comment} if feedback else None
        ),
        "materials_form": MaterialsForm(
            initial={"slides_url": event.slides_url, "recording_url": event.recording_url}
        )
        if is_organiser
        else None,
        "seats_left": (
            max(event.capacity - event.going_count, 0)  # type: ignore[attr-defined]
            if event.capacity is not None
            else None
        ),
    }
    return render(request, "events/event_detail.html", context)


@login_required
def my_events(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What I go to, wait for, am interested in or organise: upcoming, then past."""
    now = timezone.now()
    mine = Event.objects.registered_by(request.user).for_listing()
    statuses = dict(
        Registration.objects.filter(user=request.user).values_list("event_id", "status")
    )
    upcoming = list(mine.upcoming(now).order_by("starts_at", "pk")[:100])
    past = list(mine.past(now).order_by("-starts_at", "-pk")[:50])
    for event in [*upcoming, *past]:
        event.my_status = statuses.get(event.pk, "")  # type: ignore[attr-defined]
    token = calendar_token_for(request.user)
    return render(
        request,
        "events/my_events.html",
        {
            "upcoming": upcoming,
            "past": past,
            "now": now,
            "feed_url": request.build_absolute_uri(
                reverse("events:my-calendar", args=[token.token])
            ),
            "can_organise": can_organise(request.user),
        },
    )
