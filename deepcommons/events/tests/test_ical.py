"""The calendar files parse back as valid iCalendar with their time zones."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.events.models import EventStatus, RegistrationStatus
from deepcommons.events.services import calendar_token_for, reset_calendar_token
from deepcommons.events.tests.factories import EventFactory, register
from deepcommons.spaces.tests.factories import SpaceFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _parse(content: bytes) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(content)
    assert isinstance(calendar, icalendar.Calendar)
    return calendar


@pytest.mark.django_db
def test_an_event_file_has_its_uid_summary_and_zoned_start(client: Client) -> None:
    start = datetime(2031, 3, 6, 19, 30, tzinfo=SHANGHAI)
    event = EventFactory(
        title="Diffusion, explained", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    response = client.get(f"/events/{event.pk}/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = _parse(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert str(vevent["SUMMARY"]) == "Diffusion, explained"
    dtstart = vevent.decoded("DTSTART")
    assert dtstart == start
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert vevent.decoded("DTEND") - dtstart == timedelta(hours=2)
    assert "DTSTAMP" in vevent
    assert str(vevent["STATUS"]) == "CONFIRMED"
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == ["Asia/Shanghai"]
    assert b"\r\n" in response.content  # RFC 5545 line endings


@pytest.mark.django_db
def test_a_cancelled_event_says_so(client: Client) -> None:
    event = EventFactory(status=EventStatus.CANCELLED)
    (vevent,) = _parse(client.get(f"/events/{event.pk}/event.ics").content).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"


@pytest.mark.django_db
def test_a_space_feed_lists_its_events_with_each_zone(client: Client) -> None:
    space = SpaceFactory(slug="cv")
    EventFactory(space=space, title="Beijing", timezone="Asia/Shanghai")
    EventFactory(space=space, title="Berlin", timezone="Europe/Berlin")
    EventFactory(title="Elsewhere")
    response = client.get("/events/spaces/cv/calendar.ics")
    calendar = _parse(response.content)
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == ["Beijing", "Berlin"]
    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == [
        "Asia/Shanghai",
        "Europe/Berlin",
    ]
    assert client.get("/events/spaces/nope/calendar.ics").status_code == 404


@pytest.mark.django_db
def test_my_feed_needs_only_the_secret_token(client: Client, alice: User, bob: User) -> None:
    going = EventFactory(title="Going")
    interested = EventFactory(title="Interested")
    cancelled_mine = EventFactory(title="Left")
    EventFactory(title="Not mine")
    organised = EventFactory(title="Organised", organiser=alice)
    register(going, alice)
    register(interested, alice, RegistrationStatus.INTERESTED)
    register(cancelled_mine, alice, RegistrationStatus.CANCELLED)
    register(going, bob)
    token = calendar_token_for(alice).token
    response = client.get(f"/events/calendar/{token}.ics")
    titles = sorted(str(e["SUMMARY"]) for e in _parse(response.content).walk("VEVENT"))
    assert titles == ["Going", "Interested", "Organised"]
    assert organised.pk
    assert client.get("/events/calendar/wrong-token.ics").status_code == 404
    reset_calendar_token(user=alice)
    assert client.get(f"/events/calendar/{token}.ics").status_code == 404


@pytest.mark.django_db
def test_feeds_skip_events_long_past(client: Client) -> None:
    space = SpaceFactory(slug="old")
    start = timezone.now() - timedelta(days=200)
    EventFactory(space=space, starts_at=start, ends_at=start + timedelta(hours=1))
    assert _parse(client.get("/events/spaces/old/calendar.ics").content).walk("VEVENT") == []
