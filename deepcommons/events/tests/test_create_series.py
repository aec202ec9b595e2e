"""Recurring events: weekly, biweekly and monthly occurrences at the same local time."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.events.models import Event, Rule
from deepcommons.events.services import EventInput, create_series
from deepcommons.events.services.series import occurrence_starts

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_weekly_starts_keep_the_wall_clock_across_daylight_saving() -> None:
    # Thursdays at 19:30 in Berlin, across the change to summer time on 30 March 2031.
    first = datetime(2031, 3, 20, 19, 30, tzinfo=BERLIN)
    starts = occurrence_starts(first, rule=Rule.WEEKLY, count=3, zone="Europe/Berlin")
    assert [s.strftime("%Y-%m-%d %H:%M %Z") for s in starts] == [
        "2031-03-20 19:30 CET",
        "2031-03-27 19:30 CET",
        "2031-04-03 19:30 CEST",
    ]
    # In absolute time that week is an hour short.
    assert starts[2].astimezone(UTC) - starts[1].astimezone(UTC) == timedelta(days=7, hours=-1)


def test_biweekly_and_monthly_rules() -> None:
    first = datetime(2031, 1, 31, 18, 0, tzinfo=BERLIN)
    biweekly = occurrence_starts(first, rule=Rule.BIWEEKLY, count=2, zone="Europe/Berlin")
    assert biweekly[1].date().isoformat() == "2031-02-14"
    monthly = occurrence_starts(first, rule=Rule.MONTHLY, count=3, zone="Europe/Berlin")
    # The 31st falls back to the month's last day.
    assert [m.date().isoformat() for m in monthly] == ["2031-01-31", "2031-02-28", "2031-03-31"]


@pytest.mark.django_db
def test_a_reading_group_every_thursday(organiser: User, client: Client) -> None:
    start = datetime(2031, 1, 2, 19, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    series = create_series(
        organiser=organiser,
        data=EventInput(
            title="Reading group",
            kind="seminar",
            starts_at=start,
            ends_at=start + timedelta(hours=1, minutes=30),
            timezone="Asia/Shanghai",
            video_url="https://meet.example.com/rg",
        ),
        rule=Rule.WEEKLY,
        count=4,
    )
    events = list(Event.objects.filter(series=series).order_by("starts_at"))
    assert len(events) == 4
    assert {e.starts_at.astimezone(start.tzinfo).strftime("%a %H:%M") for e in events} == {
        "Thu 19:30"
    }
    assert all(e.ends_at - e.starts_at == timedelta(minutes=90) for e in events)
    page = client.get(series.get_absolute_url())
    assert page.status_code == 200
    assert page.content.decode().count('class="event-row') == 4


@pytest.mark.django_db
def test_a_series_has_two_to_twenty_six_events(organiser: User) -> None:
    start = datetime(2031, 1, 2, 19, 30, tzinfo=BERLIN)
    data = EventInput(
        title="x", starts_at=start, ends_at=start + timedelta(hours=1), timezone="Europe/Berlin"
    )
    for count in (1, 27):
        with pytest.raises(ValidationError):
            create_series(organiser=organiser, data=data, rule=Rule.WEEKLY, count=count)
    assert not Event.objects.exists()
