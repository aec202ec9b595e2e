"""New events reach the feeds of people following their space or organiser."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.events.models import EventStatus
from deepcommons.events.tests.factories import EventFactory
from deepcommons.social.feed import FeedCursor, build_feed
from deepcommons.social.services.follows import follow, mute
from deepcommons.spaces.tests.factories import SpaceFactory


@pytest.mark.django_db
def test_events_in_followed_spaces_and_by_followed_organisers(
    alice: User, bob: User, charlie: User
) -> None:
    space = SpaceFactory(slug="llms")
    follow(user=alice, target=space)
    follow(user=alice, target=bob)
    in_space = EventFactory(space=space, title="In the space")
    by_bob = EventFactory(organiser=bob, title="By Bob")
    EventFactory(organiser=charlie, title="Unrelated")
    EventFactory(space=space, status=EventStatus.CANCELLED, title="Cancelled")
    EventFactory(space=space, organiser=alice, title="My own")
    titles = [
        i.data["title"]
        for i in build_feed(user=alice, cursor=None).items
        if i.data["type"] == "event"
    ]
    assert sorted(titles) == ["By Bob", "In the space"]
    assert in_space.pk and by_bob.pk


@pytest.mark.django_db
def test_muted_organisers_stay_out(alice: User, bob: User) -> None:
    follow(user=alice, target=bob)
    mute(user=alice, target=bob)
    EventFactory(organiser=bob)
    assert build_feed(user=alice, cursor=None).items == []


@pytest.mark.django_db
def test_the_feed_pages_through_events_by_cursor(alice: User, bob: User) -> None:
    follow(user=alice, target=bob)
    now = timezone.now()
    for i in range(5):
        EventFactory(organiser=bob, title=f"E{i}", created_at=now - timedelta(minutes=i))
    first = build_feed(user=alice, cursor=None, limit=3)
    assert [i.data["title"] for i in first.items] == ["E0", "E1", "E2"]
    assert first.next_cursor is not None
    cursor = FeedCursor.decode(first.next_cursor.encode())
    second = build_feed(user=alice, cursor=cursor, limit=3)
    assert [i.data["title"] for i in second.items] == ["E3", "E4"]


@pytest.mark.django_db
def test_the_feed_page_renders_an_event(alice: User, alice_client: Client, bob: User) -> None:
    follow(user=alice, target=bob)
    EventFactory(organiser=bob, title="Feed-worthy talk")
    page = alice_client.get("/feed/").content.decode()
    assert "Feed-worthy talk" in page
    assert "announced an event" in page
