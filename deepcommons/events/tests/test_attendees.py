"""The attendee list, CSV export, QR tickets and check-in: organisers only."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.events.models import Event, Registration, RegistrationStatus
from deepcommons.events.services import check_in_path, check_in_token
from deepcommons.events.tests.factories import EventFactory, register


@pytest.fixture
def event(organiser: User, alice: User, bob: User) -> Event:
    event = EventFactory(organiser=organiser, questions=["Affiliation?"])
    Registration.objects.create(
        event=event, user=alice, status=RegistrationStatus.GOING, answers={"Affiliation?": "=cmd()"}
    )
    register(event, bob, RegistrationStatus.WAITLISTED)
    return event


@pytest.mark.django_db
def test_the_organiser_sees_attendees_with_their_answers(
    event: Event, organiser_client: Client
) -> None:
    response = organiser_client.get(f"/events/{event.pk}/attendees/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "@alice" in page and "@bob" in page
    assert "=cmd()" in page


@pytest.mark.django_db
def test_others_cannot_see_the_list_or_the_csv(
    event: Event, client: Client, alice_client: Client, charlie_client: Client
) -> None:
    pk = event.pk
    for url in (f"/events/{pk}/attendees/", f"/events/{pk}/attendees.csv"):
        assert client.get(url).status_code == 302  # to the login page
        assert alice_client.get(url).status_code == 403
        assert charlie_client.get(url).status_code == 403


@pytest.mark.django_db
def test_the_csv_lists_registrants_and_defuses_formulas(
    event: Event, organiser_client: Client
) -> None:
    response = organiser_client.get(f"/events/{event.pk}/attendees.csv")
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Username", "Name", "Status", "Registered", "Checked in", "Affiliation?"]
    assert [(r[0], r[2], r[5]) for r in rows[1:]] == [
        ("alice", "going", "'=cmd()"),
        ("bob", "waitlisted", ""),
    ]


@pytest.mark.django_db
def test_the_qr_code_is_an_svg_of_the_signed_check_in_url(
    event: Event, alice: User, alice_client: Client, organiser_client: Client
) -> None:
    registration = Registration.objects.get(event=event, user=alice)
    url = f"/events/{event.pk}/registrations/{registration.pk}/qr.svg"
    for client in (alice_client, organiser_client):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert response.content.startswith(b"<?xml") or b"<svg" in response.content[:200]
        assert re.search(rb"<path", response.content)


@pytest.mark.django_db
def test_nobody_else_gets_someones_qr_code(
    event: Event, alice: User, bob: User, bob_client: Client, charlie_client: Client
) -> None:
    mine = Registration.objects.get(event=event, user=alice)
    waiting = Registration.objects.get(event=event, user=bob)
    pk = event.pk
    assert charlie_client.get(f"/events/{pk}/registrations/{mine.pk}/qr.svg").status_code == 404
    # A waitlisted member has no ticket yet.
    assert bob_client.get(f"/events/{pk}/registrations/{waiting.pk}/qr.svg").status_code == 404


@pytest.mark.django_db
def test_an_organiser_opens_the_code_and_checks_the_attendee_in(
    event: Event, alice: User, organiser_client: Client
) -> None:
    registration = Registration.objects.get(event=event, user=alice)
    path = check_in_path(registration)
    page = organiser_client.get(path)
    assert page.status_code == 200
    assert "@alice" in page.content.decode()
    response = organiser_client.post(path, follow=True)
    assert "is checked in" in response.content.decode()
    registration.refresh_from_db()
    first = registration.checked_in_at
    assert first is not None and first <= timezone.now()
    again = organiser_client.post(path, follow=True)
    assert "was already checked in" in again.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at == first


@pytest.mark.django_db
def test_members_cannot_check_themselves_in(
    event: Event, alice: User, alice_client: Client
) -> None:
    registration = Registration.objects.get(event=event, user=alice)
    path = check_in_path(registration)
    assert alice_client.get(path).status_code == 403
    assert alice_client.post(path).status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.django_db
def test_forged_codes_are_404(event: Event, alice: User, organiser_client: Client) -> None:
    token = check_in_token(Registration.objects.get(event=event, user=alice))
    assert organiser_client.get(f"/events/check-in/{token[:-2]}xx/").status_code == 404
    assert organiser_client.get("/events/check-in/garbage/").status_code == 404


@pytest.mark.django_db
def test_a_waitlisted_member_cannot_be_checked_in(
    event: Event, bob: User, organiser_client: Client
) -> None:
    registration = Registration.objects.get(event=event, user=bob)
    response = organiser_client.post(check_in_path(registration), follow=True)
    assert "does not hold a seat" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None
