"""The events API: the same rules as the pages, every refusal as JSON."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.events.models import Event, Registration, RegistrationStatus
from deepcommons.events.tests.factories import EventFactory, past_event, register

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, data: Any) -> Any:
    return client.post(url, data, content_type="application/json")


def _payload(**overrides: Any) -> dict[str, Any]:
    start = timezone.now() + timedelta(days=3)
    data = {
        "title": "API talk",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(),
        "timezone": "Asia/Shanghai",
        "video_url": "https://meet.example.com/api",
        "capacity": 1,
    }
    data.update(overrides)
    return data


def test_the_list_matches_the_page(client: Client) -> None:
    for i in range(3):
        EventFactory(
            title=f"E{i}",
            starts_at=timezone.now() + timedelta(days=1 + i),
            ends_at=timezone.now() + timedelta(days=1 + i, hours=1),
        )
    past_event(title="Over")
    api = [e["title"] for e in client.get("/api/v1/events").json()["items"]]
    page = [e.title for e in client.get("/events/").context["page"].items]
    assert api == page == ["E0", "E1", "E2"]
    assert [e["title"] for e in client.get("/api/v1/events/past").json()["items"]] == ["Over"]
    assert client.get("/api/v1/events", {"cursor": "nonsense"}).status_code == 400
    assert client.get("/api/v1/events", {"space": "nope"}).json()["message"] == "Unknown space."


def test_detail_hides_the_video_link_from_anonymous(client: Client) -> None:
    start = timezone.now() + timedelta(minutes=10)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    body = client.get(f"/api/v1/events/{event.pk}").json()
    assert body["video_url"] == ""
    assert body["my_status"] is None
    assert client.get("/api/v1/events/999999").status_code == 404


def test_a_registrant_gets_the_link_in_the_window(alice: User, alice_client: Client) -> None:
    start = timezone.now() + timedelta(minutes=10)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    register(event, alice)
    body = alice_client.get(f"/api/v1/events/{event.pk}").json()
    assert body["video_url"] == "https://meet.example.com/room-42"
    assert body["my_status"] == "going"


def test_creating_needs_sign_in_and_the_privilege(client: Client, organiser_client: Client) -> None:
    assert post(client, "/api/v1/events", _payload()).status_code == 401
    response = post(organiser_client, "/api/v1/events", _payload())
    assert response.status_code == 201
    assert response.json()["title"] == "API talk"
    assert Event.objects.get().timezone == "Asia/Shanghai"


@pytest.mark.real_privileges
def test_a_member_without_the_privilege_gets_a_json_403(alice_client: Client) -> None:
    response = post(alice_client, "/api/v1/events", _payload())
    assert response.status_code == 403
    assert "reputation" in response.json()["message"]


def test_bad_input_is_a_json_400_by_field(organiser_client: Client) -> None:
    start = timezone.now() + timedelta(days=3)
    response = post(
        organiser_client,
        "/api/v1/events",
        _payload(ends_at=(start - timedelta(hours=1)).isoformat(), starts_at=start.isoformat()),
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "ends_at"
    naive = post(organiser_client, "/api/v1/events", _payload(starts_at="2031-01-01T10:00:00"))
    assert naive.status_code == 400


def test_register_waitlist_and_cancel(alice_client: Client, bob_client: Client, bob: User) -> None:
    event = EventFactory(capacity=1)
    url = f"/api/v1/events/{event.pk}/registration"
    assert post(Client(), url, {}).status_code == 401
    assert post(alice_client, url, {}).json()["status"] == "going"
    assert post(bob_client, url, {}).json()["status"] == "waitlisted"
    assert alice_client.delete(url).json()["status"] == "cancelled"
    assert Registration.objects.get(event=event, user=bob).status == RegistrationStatus.GOING
    assert post(alice_client, url, {"status": "maybe"}).status_code == 400
    assert Client().delete(url).status_code == 401


def test_registration_refusals_are_json(alice_client: Client) -> None:
    event = past_event()
    response = post(alice_client, f"/api/v1/events/{event.pk}/registration", {})
    assert response.status_code == 400
    assert "already taken place" in response.json()["message"]
    assert post(alice_client, "/api/v1/events/999999/registration", {}).status_code == 404
    assert alice_client.delete(f"/api/v1/events/{event.pk}/registration").status_code == 404


def test_my_events(alice: User, alice_client: Client) -> None:
    register(EventFactory(title="Mine"), alice)
    EventFactory(title="Not mine")
    assert [e["title"] for e in alice_client.get("/api/v1/me/events").json()["items"]] == ["Mine"]
    assert Client().get("/api/v1/me/events").status_code == 401
