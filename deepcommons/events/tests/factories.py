"""Factories for events tests (and the demo)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.events.models import (
    EVENT_ORGANISER_REPUTATION,
    Event,
    EventKind,
    Format,
    Language,
    Registration,
    RegistrationStatus,
)


def make_organiser(username: str = "organiser") -> User:
    """A member with just enough reputation to organise events."""
    user = UserFactory(username=username)
    User.objects.filter(pk=user.pk).update(reputation=EVENT_ORGANISER_REPUTATION)
    user.refresh_from_db()
    return user


class EventFactory(factory.django.DjangoModelFactory[Event]):
    """A scheduled online talk in two days, an hour and a half long."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Talk {n}")
    description = "Attention, **explained**."
    description_html = "<p>Attention, <strong>explained</strong>.</p>"
    kind = EventKind.TALK
    format = Format.ONLINE
    language = Language.EN
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(minutes=90))
    timezone = "Asia/Shanghai"
    video_url = "https://meet.example.com/room-42"
    organiser = factory.SubFactory(UserFactory)


def register(event: Event, user: User, status: str = RegistrationStatus.GOING) -> Registration:
    """A registration row written directly (tests of reads, not of the service)."""
    return Registration.objects.create(event=event, user=user, status=status)


def past_event(**kwargs: Any) -> Event:
    start = timezone.now() - timedelta(days=3)
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), **kwargs)
