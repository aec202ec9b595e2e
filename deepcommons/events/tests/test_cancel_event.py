from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from deepcommons.accounts.models import User
from deepcommons.events.models import EventStatus, RegistrationStatus
from deepcommons.events.notifications import EVENT_CANCELLED
from deepcommons.events.services import cancel_event, register_for_event
from deepcommons.events.tests.factories import EventFactory, past_event
from deepcommons.social.models import Notification


@pytest.mark.django_db
def test_cancelling_notifies_everyone_registered(
    organiser: User, alice: User, bob: User, charlie: User
) -> None:
    event = EventFactory(organiser=organiser, capacity=1)
    register_for_event(event=event, user=alice)
    register_for_event(event=event, user=bob)  # waitlisted
    register_for_event(event=event, user=charlie, status=RegistrationStatus.INTERESTED)
    cancel_event(event=event, by=organiser, reason="The speaker is ill.")
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert event.sequence == 1
    notified = Notification.objects.filter(kind=EVENT_CANCELLED)
    assert sorted(n.recipient_id for n in notified) == sorted([alice.pk, bob.pk, charlie.pk])
    assert notified.first().data["reason"] == "The speaker is ill."  # type: ignore[union-attr]
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_only_organisers_cancel(organiser: User, alice: User) -> None:
    event = EventFactory(organiser=organiser)
    with pytest.raises(PermissionDenied):
        cancel_event(event=event, by=alice)


@pytest.mark.django_db
def test_past_or_cancelled_events_cannot_be_cancelled(organiser: User) -> None:
    with pytest.raises(ValidationError):
        cancel_event(event=past_event(organiser=organiser), by=organiser)
    event = EventFactory(organiser=organiser)
    cancel_event(event=event, by=organiser)
    with pytest.raises(ValidationError):
        cancel_event(event=event, by=organiser)
