"""iCalendar (RFC 5545) files: one event, a space's events, a member's events.

Each VEVENT's DTSTART/DTEND carry the event's own zone (TZID), and the
calendar includes the matching VTIMEZONE components, so calendar apps show
the right local time wherever the reader is.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from deepcommons.events.models import Event

PRODID = "-//DeepCommons//Events//EN"


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "deepcommons"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{_domain()}"


def _vevent(event: Event) -> icalendar.Event:
    zone = event.zone
    url = settings.SITE_URL + event.get_absolute_url()
    item = icalendar.Event()
    item.add("uid", event_uid(event))
    item.add("dtstamp", timezone.now())
    item.add("last-modified", event.updated_at)
    item.add("created", event.created_at)
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    item.add("summary", event.title)
    item.add("url", url)
    description = event.description.strip()
    item.add("description", f"{description}\n\n{url}" if description else url)
    location = ", ".join(p for p in (event.venue, event.address, event.city) if p)
    if location:
        item.add("location", location)
    elif event.is_online:
        item.add("location", url)
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    # Editing bumps the sequence so clients replace their copy.
    item.add("sequence", event.sequence)
    item.add("categories", [event.get_kind_display()])
    return item


def build_calendar(events: Iterable[Event], *, name: str) -> bytes:
    """The calendar file holding `events`."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()
