"""New event, edit and cancel pages: who may, bad input kept, times in the event's zone."""

from __future__ import annotations

import zoneinfo
from typing import Any

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.events.models import Event, EventSeries, EventStatus
from deepcommons.events.tests.factories import EventFactory


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Tokenizers deep dive",
        "kind": "talk",
        "format": "online",
        "language": "en",
        "description": "BPE, **unigram** and friends.",
        "starts_at": "2031-05-01T19:00",
        "ends_at": "2031-05-01T20:30",
        "timezone": "Asia/Shanghai",
        "video_url": "https://meet.example.com/tok",
        "capacity": "30",
        "questions": "Your affiliation?\nWhat do you want to learn?",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    assert client.get("/events/new/").status_code == 302


@pytest.mark.django_db
@pytest.mark.real_privileges
def test_a_member_without_the_privilege_is_told_why(alice_client: Client) -> None:
    response = alice_client.get("/events/new/")
    assert response.status_code == 403
    assert "needs 100 reputation" in response.content.decode()
    assert alice_client.post("/events/new/", _form()).status_code == 403
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_an_organiser_publishes_an_event_in_its_own_zone(organiser_client: Client) -> None:
    response = organiser_client.post("/events/new/", _form())
    event = Event.objects.get()
    assert response["Location"] == event.get_absolute_url()
    local = event.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert (local.hour, local.minute) == (19, 0)
    assert event.starts_at.hour == 11  # UTC
    assert event.questions == ["Your affiliation?", "What do you want to learn?"]
    assert event.capacity == 30


@pytest.mark.django_db
def test_bad_input_shows_the_form_again_with_the_text_kept(organiser_client: Client) -> None:
    response = organiser_client.post(
        "/events/new/", _form(ends_at="2031-05-01T18:00", description="Keep me")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The event must end after it starts." in page
    assert "Keep me" in page
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_repeating_event_makes_a_series(organiser_client: Client) -> None:
    response = organiser_client.post("/events/new/", _form(repeat="weekly", occurrences="3"))
    series = EventSeries.objects.get()
    assert response["Location"] == series.get_absolute_url()
    assert Event.objects.filter(series=series).count() == 3


@pytest.mark.django_db
def test_the_organiser_edits_and_others_may_not(
    organiser: User, organiser_client: Client, alice_client: Client, client: Client
) -> None:
    event = EventFactory(organiser=organiser, title="Old title")
    url = f"/events/{event.pk}/edit/"
    assert client.get(url).status_code == 302
    assert alice_client.get(url).status_code == 403
    assert alice_client.post(url, _form()).status_code == 403
    form = organiser_client.get(url)
    assert "Old title" in form.content.decode()
    assert organiser_client.post(url, _form(title="New title")).status_code == 302
    event.refresh_from_db()
    assert event.title == "New title"
    assert event.sequence == 1


@pytest.mark.django_db
def test_the_organiser_cancels_and_others_may_not(
    organiser: User, organiser_client: Client, alice_client: Client
) -> None:
    event = EventFactory(organiser=organiser)
    url = f"/events/{event.pk}/cancel/"
    assert alice_client.post(url, {"reason": "no"}).status_code == 403
    assert organiser_client.get(url).status_code == 200
    organiser_client.post(url, {"reason": "Venue flooded"})
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    page = organiser_client.get(event.get_absolute_url()).content.decode()
    assert "This event was cancelled." in page and "Venue flooded" in page


@pytest.mark.django_db
def test_slides_and_recording_after_the_event(
    organiser: User, organiser_client: Client, alice_client: Client
) -> None:
    event = EventFactory(organiser=organiser)
    data = {
        "slides_url": "https://slides.example.com/x",
        "recording_url": "https://video.example.com/y",
    }
    assert alice_client.post(f"/events/{event.pk}/materials/", data).status_code == 403
    organiser_client.post(f"/events/{event.pk}/materials/", data)
    page = organiser_client.get(event.get_absolute_url()).content.decode()
    assert "https://slides.example.com/x" in page and "https://video.example.com/y" in page


@pytest.mark.django_db
def test_the_organiser_opens_a_discussion_once(
    organiser: User, organiser_client: Client, alice_client: Client
) -> None:
    event = EventFactory(organiser=organiser, title="Talk about RAG")
    assert alice_client.post(f"/events/{event.pk}/discussion/").status_code == 403
    first = organiser_client.post(f"/events/{event.pk}/discussion/")
    event.refresh_from_db()
    assert event.discussion is not None
    assert event.discussion.title == "Talk about RAG"
    assert first["Location"] == event.discussion.get_absolute_url()
    second = organiser_client.post(f"/events/{event.pk}/discussion/")
    assert second["Location"] == first["Location"]
