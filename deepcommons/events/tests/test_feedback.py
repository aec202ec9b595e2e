"""Feedback: only confirmed attendees, only after the end; organisers read the summary."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.events.models import Feedback, RegistrationStatus
from deepcommons.events.services import leave_feedback, summarise_feedback
from deepcommons.events.tests.factories import EventFactory, past_event, register


@pytest.mark.django_db
def test_an_attendee_rates_a_past_event_and_can_change_it(alice: User) -> None:
    event = past_event()
    register(event, alice)
    leave_feedback(event=event, user=alice, rating=4, comment="Great")
    leave_feedback(event=event, user=alice, rating=5, comment="Even better")
    assert list(Feedback.objects.values_list("rating", "comment")) == [(5, "Even better")]


@pytest.mark.django_db
def test_no_feedback_before_the_end(alice: User) -> None:
    event = EventFactory()
    register(event, alice)
    with pytest.raises(PermissionDenied):
        leave_feedback(event=event, user=alice, rating=5)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [RegistrationStatus.WAITLISTED, RegistrationStatus.INTERESTED, RegistrationStatus.CANCELLED],
)
def test_only_confirmed_attendees_may_rate(alice: User, status: str) -> None:
    event = past_event()
    register(event, alice, status)
    with pytest.raises(PermissionDenied):
        leave_feedback(event=event, user=alice, rating=5)


@pytest.mark.django_db
@pytest.mark.parametrize("rating", [0, 6, True])
def test_ratings_run_from_one_to_five(alice: User, rating: int) -> None:
    event = past_event()
    register(event, alice)
    with pytest.raises(ValidationError):
        leave_feedback(event=event, user=alice, rating=rating)


@pytest.mark.django_db
def test_the_summary_has_average_distribution_and_comments() -> None:
    event = past_event()
    for rating, comment in [(5, "Loved it"), (4, ""), (4, "Good pace"), (1, "Too fast")]:
        user = UserFactory()
        register(event, user)
        leave_feedback(event=event, user=user, rating=rating, comment=comment)
    summary = summarise_feedback(event)
    assert summary.count == 4
    assert summary.average == 3.5
    assert summary.distribution == [(5, 1, 25), (4, 2, 50), (3, 0, 0), (2, 0, 0), (1, 1, 25)]
    assert sorted(f.comment for f in summary.comments) == ["Good pace", "Loved it", "Too fast"]


@pytest.mark.django_db
def test_the_feedback_pages(
    organiser: User, organiser_client: Client, alice: User, alice_client: Client, bob_client: Client
) -> None:
    event = past_event(organiser=organiser)
    register(event, alice)
    page = alice_client.get(event.get_absolute_url()).content.decode()
    assert "How was it?" in page
    alice_client.post(f"/events/{event.pk}/feedback/", {"rating": "4", "comment": "Nice"})
    assert Feedback.objects.get(event=event).rating == 4
    assert bob_client.post(f"/events/{event.pk}/feedback/", {"rating": "1"}).status_code == 403
    summary = organiser_client.get(f"/events/{event.pk}/feedback/summary/")
    assert "Average 4.0 out of 5 from 1 rating" in summary.content.decode()
    assert "Nice" in summary.content.decode()
    assert alice_client.get(f"/events/{event.pk}/feedback/summary/").status_code == 403
