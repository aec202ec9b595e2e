"""The events demo builder: every kind of demo event, once."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.events import demo
from deepcommons.events.models import Event, EventSeries, Feedback, Registration, RegistrationStatus
from deepcommons.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def test_the_demo_builds_upcoming_past_and_series_events_once() -> None:
    for name in demo._names(*demo.EVENTS, demo.READING_GROUP, demo.PAST_WORKSHOP):
        UserFactory(username=name)
    for slug in ("llms", "computer-vision", "mlops", "nlp"):
        SpaceFactory(slug=slug)
    out = io.StringIO()
    demo.build(out)
    assert "events: 10 demo events" in out.getvalue()
    now = timezone.now()
    assert Event.objects.upcoming(now).count() == 9
    past = Event.objects.past(now).get()
    assert past.slides_url and past.recording_url
    assert Feedback.objects.filter(event=past).count() == 4
    beijing = Event.objects.get(city="Beijing")
    statuses = list(Registration.objects.filter(event=beijing).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.GOING) == 3
    assert statuses.count(RegistrationStatus.WAITLISTED) == 1
    series = EventSeries.objects.get()
    starts = [e.starts_at.astimezone(demo.SHANGHAI) for e in series.events.order_by("starts_at")]
    assert len(starts) == 6
    assert {(s.weekday(), s.hour, s.minute) for s in starts} == {(3, 19, 30)}
    counts = (Event.objects.count(), Registration.objects.count(), Feedback.objects.count())
    demo.build(io.StringIO())
    assert (Event.objects.count(), Registration.objects.count(), Feedback.objects.count()) == counts


def test_the_demo_skips_what_is_missing() -> None:
    demo.build(io.StringIO())
    assert not Event.objects.exists()
