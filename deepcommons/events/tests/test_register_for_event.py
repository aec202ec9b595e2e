from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.events.models import EventStatus, Registration, RegistrationStatus
from deepcommons.events.services import register_for_event
from deepcommons.events.tests.factories import EventFactory, past_event

S = RegistrationStatus


@pytest.mark.django_db
def test_a_member_going_takes_a_seat(alice: User) -> None:
    event = EventFactory(capacity=2)
    registration = register_for_event(event=event, user=alice)
    assert registration.status == S.GOING


@pytest.mark.django_db
def test_a_full_event_puts_newcomers_on_the_waitlist(alice: User, bob: User) -> None:
    event = EventFactory(capacity=1)
    register_for_event(event=event, user=alice)
    assert register_for_event(event=event, user=bob).status == S.WAITLISTED


@pytest.mark.django_db
def test_an_event_without_capacity_never_fills() -> None:
    event = EventFactory(capacity=None)
    statuses = {register_for_event(event=event, user=UserFactory()).status for _ in range(5)}
    assert statuses == {S.GOING}


@pytest.mark.django_db
def test_interested_takes_no_seat(alice: User, bob: User) -> None:
    event = EventFactory(capacity=1)
    assert register_for_event(event=event, user=alice, status=S.INTERESTED).status == S.INTERESTED
    assert register_for_event(event=event, user=bob).status == S.GOING


@pytest.mark.django_db
def test_going_again_keeps_the_waitlist_place_and_updates_answers(alice: User, bob: User) -> None:
    event = EventFactory(capacity=1, questions=["Your affiliation?"])
    register_for_event(event=event, user=alice)
    first = register_for_event(event=event, user=bob, answers={"Your affiliation?": "PKU"})
    again = register_for_event(event=event, user=bob, answers={"Your affiliation?": "THU"})
    assert again.pk == first.pk
    assert again.status == S.WAITLISTED
    assert again.status_changed_at == first.status_changed_at
    assert Registration.objects.get(pk=first.pk).answers == {"Your affiliation?": "THU"}


@pytest.mark.django_db
def test_answers_to_unknown_questions_are_dropped(alice: User) -> None:
    event = EventFactory(questions=["Dietary needs?"])
    registration = register_for_event(
        event=event, user=alice, answers={"Dietary needs?": "vegetarian", "evil": "x"}
    )
    assert registration.answers == {"Dietary needs?": "vegetarian"}


@pytest.mark.django_db
def test_overlong_answers_are_refused(alice: User) -> None:
    event = EventFactory(questions=["Why?"])
    with pytest.raises(ValidationError):
        register_for_event(event=event, user=alice, answers={"Why?": "x" * 1001})


@pytest.mark.django_db
def test_switching_from_going_to_interested_frees_the_seat(alice: User, bob: User) -> None:
    event = EventFactory(capacity=1)
    register_for_event(event=event, user=alice)
    register_for_event(event=event, user=bob)
    register_for_event(event=event, user=alice, status=S.INTERESTED)
    assert Registration.objects.get(event=event, user=bob).status == S.GOING


@pytest.mark.django_db
def test_cancelled_and_past_events_take_no_registrations(alice: User) -> None:
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    with pytest.raises(ValidationError, match="cancelled"):
        register_for_event(event=cancelled, user=alice)
    with pytest.raises(ValidationError, match="already taken place"):
        register_for_event(event=past_event(), user=alice)


@pytest.mark.django_db
def test_a_running_event_still_takes_registrations(alice: User) -> None:
    start = timezone.now() - timedelta(minutes=10)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    assert register_for_event(event=event, user=alice).status == S.GOING
