"""An event's page: as anonymous, an organiser and another member; the video
link only for registrants within the window; times in the viewer's zone."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.events.models import Format, RegistrationStatus
from deepcommons.events.tests.factories import EventFactory, register

LINK = "https://meet.example.com/room-42"


def _soon(minutes: int) -> tuple[datetime, datetime]:
    start = timezone.now() + timedelta(minutes=minutes)
    return start, start + timedelta(hours=1)


@pytest.mark.django_db
def test_anyone_sees_the_page_without_the_video_link(client: Client) -> None:
    start, end = _soon(10)
    event = EventFactory(title="Scaling laws", starts_at=start, ends_at=end)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Scaling laws" in response.content.decode()
    assert LINK not in response.content.decode()
    assert "Sign in to register" in response.content.decode()


@pytest.mark.django_db
def test_unknown_events_are_404(client: Client) -> None:
    assert client.get("/events/999999/").status_code == 404


@pytest.mark.django_db
def test_a_member_who_did_not_register_never_sees_the_link(alice_client: Client) -> None:
    start, end = _soon(10)
    event = EventFactory(starts_at=start, ends_at=end)
    assert LINK not in alice_client.get(event.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_waitlisted_and_interested_members_do_not_see_the_link(
    alice: User, alice_client: Client, bob: User, bob_client: Client
) -> None:
    start, end = _soon(10)
    event = EventFactory(starts_at=start, ends_at=end)
    register(event, alice, RegistrationStatus.WAITLISTED)
    register(event, bob, RegistrationStatus.INTERESTED)
    assert LINK not in alice_client.get(event.get_absolute_url()).content.decode()
    assert LINK not in bob_client.get(event.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_registrant_sees_the_link_only_from_thirty_minutes_before(
    alice: User, alice_client: Client
) -> None:
    start, end = _soon(45)
    early = EventFactory(starts_at=start, ends_at=end)
    register(early, alice)
    page = alice_client.get(early.get_absolute_url()).content.decode()
    assert LINK not in page
    assert "The video link appears here 30 minutes before the start" in page
    start, end = _soon(25)
    due = EventFactory(starts_at=start, ends_at=end)
    register(due, alice)
    assert LINK in alice_client.get(due.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_link_is_gone_after_the_end(alice: User, alice_client: Client) -> None:
    start = timezone.now() - timedelta(hours=2)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    register(event, alice)
    page = alice_client.get(event.get_absolute_url()).content.decode()
    assert LINK not in page
    assert "The video link appears here" not in page


@pytest.mark.django_db
def test_organisers_always_see_the_link_and_their_tools(
    organiser: User, organiser_client: Client
) -> None:
    start, end = _soon(60 * 24)
    event = EventFactory(organiser=organiser, starts_at=start, ends_at=end)
    page = organiser_client.get(event.get_absolute_url()).content.decode()
    assert LINK in page
    assert f"/events/{event.pk}/attendees/" in page
    assert f"/events/{event.pk}/edit/" in page


@pytest.mark.django_db
def test_other_members_see_no_organiser_tools(alice_client: Client) -> None:
    event = EventFactory()
    page = alice_client.get(event.get_absolute_url()).content.decode()
    assert f"/events/{event.pk}/attendees/" not in page
    assert f"/events/{event.pk}/edit/" not in page


@pytest.mark.django_db
def test_times_show_in_the_viewers_zone_and_the_events_own(
    alice: User, alice_client: Client
) -> None:
    User.objects.filter(pk=alice.pk).update(timezone="Europe/London")
    start = datetime(2031, 1, 9, 19, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    page = alice_client.get(event.get_absolute_url()).content.decode()
    # 19:30 in Shanghai is 11:30 in London in January.
    assert "11:30" in page
    assert "(Europe/London)" in page
    assert "7:30 p.m. in Asia/Shanghai, the event" in page


@pytest.mark.django_db
def test_visitors_get_utc_marked_for_the_browser_to_localise(client: Client) -> None:
    start = datetime(2031, 1, 9, 19, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'datetime="2031-01-09T11:30:00+00:00" data-local-time' in page
    assert "local-time.js" in page


@pytest.mark.django_db
def test_an_offline_event_shows_its_map_link(client: Client) -> None:
    event = EventFactory(
        format=Format.OFFLINE,
        venue="Hall A",
        address="100 Century Ave",
        city="Shanghai",
        video_url="",
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert "https://www.openstreetmap.org/search?query=100+Century+Ave%2C+Shanghai" in page
