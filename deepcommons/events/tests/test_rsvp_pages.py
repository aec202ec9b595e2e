"""The register / cancel buttons on an event's page."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.events.models import Registration, RegistrationStatus
from deepcommons.events.tests.factories import EventFactory, past_event


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    event = EventFactory()
    response = client.post(f"/events/{event.pk}/register/", {"status": "going"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_member_registers_with_answers_and_cancels(alice: User, alice_client: Client) -> None:
    event = EventFactory(questions=["Affiliation?"], capacity=5)
    response = alice_client.post(
        f"/events/{event.pk}/register/", {"status": "going", "q0": "Fudan"}, follow=True
    )
    assert "You are going" in response.content.decode()
    registration = Registration.objects.get(event=event, user=alice)
    assert registration.answers == {"Affiliation?": "Fudan"}
    assert f"/registrations/{registration.pk}/qr.svg" in response.content.decode()
    response = alice_client.post(f"/events/{event.pk}/unregister/", follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


@pytest.mark.django_db
def test_interested_and_waitlist_messages(alice_client: Client, bob_client: Client) -> None:
    event = EventFactory(capacity=1)
    alice_client.post(f"/events/{event.pk}/register/", {"status": "going"})
    response = bob_client.post(f"/events/{event.pk}/register/", {"status": "going"}, follow=True)
    assert "you are on the waitlist" in response.content.decode()
    other = EventFactory()
    response = bob_client.post(
        f"/events/{other.pk}/register/", {"status": "interested"}, follow=True
    )
    assert "Marked as interested" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_registration_is_a_message_not_an_error(alice_client: Client) -> None:
    event = past_event()
    response = alice_client.post(f"/events/{event.pk}/register/", {"status": "going"}, follow=True)
    assert response.status_code == 200
    assert "already taken place" in response.content.decode()


@pytest.mark.django_db
def test_registering_needs_post(alice_client: Client) -> None:
    event = EventFactory()
    assert alice_client.get(f"/events/{event.pk}/register/").status_code == 405
