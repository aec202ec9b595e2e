"""Reminders a day and an hour before, each sent exactly once."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.events.models import Event, EventStatus, RegistrationStatus, ReminderDelivery
from deepcommons.events.notifications import EVENT_REMINDER
from deepcommons.events.services import send_due_reminders
from deepcommons.events.tests.factories import EventFactory, register
from deepcommons.social.models import Notification


def _starting_in(delta: timedelta, **kwargs: Any) -> Event:
    start = timezone.now() + delta
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=1), **kwargs)


@pytest.mark.django_db
def test_running_twice_sends_each_reminder_once(alice: User) -> None:
    event = _starting_in(timedelta(hours=20))
    register(event, alice)
    assert send_due_reminders() == 1
    assert send_due_reminders() == 0
    call_command("send_event_reminders", stdout=StringIO())
    reminders = Notification.objects.filter(recipient=alice, kind=EVENT_REMINDER)
    assert [n.data["reminder"] for n in reminders] == ["day"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [alice.email]


@pytest.mark.django_db
def test_the_day_and_hour_reminders_are_separate(alice: User) -> None:
    event = _starting_in(timedelta(hours=20))
    register(event, alice)
    now = timezone.now()
    assert send_due_reminders(now=now) == 1
    # 19.5 hours later the event starts in half an hour.
    later = now + timedelta(hours=19, minutes=30)
    assert send_due_reminders(now=later) == 1
    assert send_due_reminders(now=later) == 0
    kinds = sorted(ReminderDelivery.objects.values_list("kind", flat=True))
    assert kinds == ["day", "hour"]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_within_the_hour_only_the_hour_reminder_goes(alice: User) -> None:
    register(_starting_in(timedelta(minutes=40)), alice)
    assert send_due_reminders() == 1
    assert list(ReminderDelivery.objects.values_list("kind", flat=True)) == ["hour"]


@pytest.mark.django_db
def test_a_claimed_reminder_is_never_sent_again(alice: User) -> None:
    """A worker that crashed after claiming: the claim row stands for the send."""
    registration = register(_starting_in(timedelta(hours=5)), alice)
    ReminderDelivery.objects.create(registration=registration, kind="day")
    assert send_due_reminders() == 0
    assert not Notification.objects.filter(kind=EVENT_REMINDER).exists()


@pytest.mark.django_db
def test_only_confirmed_registrants_of_scheduled_events_are_reminded(
    alice: User, bob: User, charlie: User
) -> None:
    event = _starting_in(timedelta(hours=3))
    register(event, alice, RegistrationStatus.WAITLISTED)
    register(event, bob, RegistrationStatus.INTERESTED)
    register(_starting_in(timedelta(hours=3), status=EventStatus.CANCELLED), charlie)
    register(_starting_in(timedelta(days=3)), charlie)
    register(_starting_in(-timedelta(minutes=5)), charlie)
    assert send_due_reminders() == 0
