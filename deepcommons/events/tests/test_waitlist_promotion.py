from __future__ import annotations

import zoneinfo

import pytest

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.events.forms import EventForm
from deepcommons.events.models import Registration, RegistrationStatus
from deepcommons.events.notifications import EVENT_PROMOTED
from deepcommons.events.services import (
    EventInput,
    cancel_registration,
    register_for_event,
    update_event,
)
from deepcommons.events.tests.factories import EventFactory
from deepcommons.social.models import Notification

S = RegistrationStatus


@pytest.mark.django_db
def test_cancelling_a_seat_promotes_the_first_waiting_and_notifies_them(
    alice: User, bob: User, charlie: User
) -> None:
    event = EventFactory(capacity=1)
    register_for_event(event=event, user=alice)
    register_for_event(event=event, user=bob)
    register_for_event(event=event, user=charlie)
    cancel_registration(event=event, user=alice)
    statuses = dict(
        Registration.objects.filter(event=event).values_list("user__username", "status")
    )
    assert statuses == {"alice": S.CANCELLED, "bob": S.GOING, "charlie": S.WAITLISTED}
    notified = Notification.objects.filter(kind=EVENT_PROMOTED)
    assert [n.recipient_id for n in notified] == [bob.pk]
    assert notified.get().data["url"] == event.get_absolute_url()


@pytest.mark.django_db
def test_cancelling_a_waitlist_place_promotes_nobody(alice: User, bob: User, charlie: User) -> None:
    event = EventFactory(capacity=1)
    register_for_event(event=event, user=alice)
    register_for_event(event=event, user=bob)
    register_for_event(event=event, user=charlie)
    cancel_registration(event=event, user=bob)
    assert Registration.objects.get(event=event, user=charlie).status == S.WAITLISTED
    assert not Notification.objects.filter(kind=EVENT_PROMOTED).exists()


@pytest.mark.django_db
def test_cancelling_twice_or_without_registering_changes_nothing(alice: User) -> None:
    event = EventFactory(capacity=1)
    assert cancel_registration(event=event, user=alice) is None
    register_for_event(event=event, user=alice)
    cancel_registration(event=event, user=alice)
    again = cancel_registration(event=event, user=alice)
    assert again is not None and again.status == S.CANCELLED


@pytest.mark.django_db
def test_a_member_who_cancelled_can_come_back_at_the_end_of_the_queue(
    alice: User, bob: User
) -> None:
    event = EventFactory(capacity=1)
    register_for_event(event=event, user=alice)
    cancel_registration(event=event, user=alice)
    register_for_event(event=event, user=bob)
    assert register_for_event(event=event, user=alice).status == S.WAITLISTED


@pytest.mark.django_db
def test_raising_the_capacity_promotes_the_waitlist_in_order(organiser: User) -> None:
    event = EventFactory(capacity=1, organiser=organiser)
    members = [UserFactory() for _ in range(4)]
    for member in members:
        register_for_event(event=event, user=member)
    form = EventForm(initial=EventForm.initial_for(event))
    data = EventInput(**{**_input_of(form), "capacity": 3})
    update_event(event=event, by=organiser, data=data)
    going = Registration.objects.filter(event=event, status=S.GOING).order_by("pk")
    assert [r.user_id for r in going] == [m.pk for m in members[:3]]
    assert Notification.objects.filter(kind=EVENT_PROMOTED).count() == 2


def _input_of(form: EventForm) -> dict[str, object]:
    initial = form.initial
    event_zone = initial["timezone"]
    zone = zoneinfo.ZoneInfo(str(event_zone))
    return {
        "title": initial["title"],
        "kind": initial["kind"],
        "format": initial["format"],
        "language": initial["language"],
        "starts_at": initial["starts_at"].replace(tzinfo=zone),  # type: ignore[attr-defined]
        "ends_at": initial["ends_at"].replace(tzinfo=zone),  # type: ignore[attr-defined]
        "timezone": event_zone,
        "video_url": initial["video_url"],
    }
