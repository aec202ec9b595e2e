from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.events.models import CalendarToken, RegistrationStatus
from deepcommons.events.tests.factories import EventFactory, past_event, register


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    assert client.get("/events/mine/").status_code == 302


@pytest.mark.django_db
def test_my_events_lists_mine_upcoming_and_past_with_a_feed_url(
    alice: User, alice_client: Client, bob: User
) -> None:
    register(EventFactory(title="Going one"), alice)
    register(EventFactory(title="Waiting one"), alice, RegistrationStatus.WAITLISTED)
    register(EventFactory(title="Left one"), alice, RegistrationStatus.CANCELLED)
    register(EventFactory(title="Bob's"), bob)
    register(past_event(title="Last week"), alice)
    EventFactory(title="Mine to run", organiser=alice)
    response = alice_client.get("/events/mine/")
    upcoming = [e.title for e in response.context["upcoming"]]
    assert sorted(upcoming) == ["Going one", "Mine to run", "Waiting one"]
    assert [e.title for e in response.context["past"]] == ["Last week"]
    page = response.content.decode()
    assert "You are on the waitlist" in page
    token = CalendarToken.objects.get(user=alice).token
    assert f"/events/calendar/{token}.ics" in page


@pytest.mark.django_db
def test_resetting_the_calendar_address(alice: User, alice_client: Client) -> None:
    alice_client.get("/events/mine/")
    old = CalendarToken.objects.get(user=alice).token
    alice_client.post("/events/calendar/reset/")
    assert CalendarToken.objects.get(user=alice).token != old
