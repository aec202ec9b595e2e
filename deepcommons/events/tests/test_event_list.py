"""/events/ and /events/past/: order, filters, pagination and a pinned query count."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.pagecache import bump_versions
from deepcommons.core.testing import session_queries
from deepcommons.events.models import EventKind, EventStatus, Format, Language
from deepcommons.events.pagecache import LISTS
from deepcommons.events.services import register_for_event
from deepcommons.events.tests.factories import EventFactory, past_event, register
from deepcommons.spaces.tests.factories import SpaceFactory


def _in(days: float, **kwargs: Any) -> Any:
    start = timezone.now() + timedelta(days=days)
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=1), **kwargs)


def _titles(response: Any) -> list[str]:
    return [e.title for e in response.context["page"].items]


@pytest.mark.django_db
def test_upcoming_events_soonest_first_without_past_or_cancelled(client: Client) -> None:
    _in(3, title="Later")
    _in(1, title="Sooner")
    _in(2, title="Cancelled", status=EventStatus.CANCELLED)
    past_event(title="Over")
    assert _titles(client.get("/events/")) == ["Sooner", "Later"]


@pytest.mark.django_db
def test_the_archive_lists_ended_events_latest_first(client: Client) -> None:
    start = timezone.now() - timedelta(days=10)
    EventFactory(title="Older", starts_at=start, ends_at=start + timedelta(hours=1))
    past_event(title="Recent")
    _in(1, title="Upcoming")
    assert _titles(client.get("/events/past/")) == ["Recent", "Older"]


@pytest.mark.django_db
def test_filters_by_format_city_space_kind_and_language(client: Client) -> None:
    space = SpaceFactory(slug="rl")
    _in(1, title="Online talk")
    _in(
        1,
        title="Beijing meetup",
        format=Format.OFFLINE,
        city="Beijing",
        kind=EventKind.MEETUP,
        video_url="",
    )
    _in(1, title="Hybrid RL", format=Format.HYBRID, city="Shanghai", space=space)
    _in(1, title="Chinese seminar", kind=EventKind.SEMINAR, language=Language.ZH)
    assert _titles(client.get("/events/?format=offline")) == ["Beijing meetup"]
    assert _titles(client.get("/events/?city=beijing")) == ["Beijing meetup"]
    assert _titles(client.get("/events/?space=rl")) == ["Hybrid RL"]
    assert _titles(client.get("/events/?kind=seminar")) == ["Chinese seminar"]
    assert _titles(client.get("/events/?language=zh")) == ["Chinese seminar"]
    # An unknown value is a bad filter: the page shows everything rather than fail.
    assert len(_titles(client.get("/events/?format=underwater"))) == 4


@pytest.mark.django_db
def test_pages_follow_the_cursor_with_the_filters_kept(client: Client) -> None:
    for i in range(22):
        _in(1 + i / 10, title=f"E{i:02d}", format=Format.ONLINE)
    first = client.get("/events/?format=online")
    assert len(_titles(first)) == 20
    cursor = first.context["page"].next_cursor
    assert f"format=online&amp;cursor={cursor}" in first.content.decode()
    second = client.get(f"/events/?format=online&cursor={cursor}")
    assert _titles(second) == ["E20", "E21"]
    assert _titles(client.get("/events/?cursor=garbage"))[0] == "E00"


def _fill(n: int) -> None:
    for _ in range(n):
        event = _in(2, space=SpaceFactory(), organiser=UserFactory())
        register(event, UserFactory())


@pytest.mark.django_db
def test_the_list_query_count_does_not_grow_with_events(
    alice: User, alice_client: Client, django_assert_num_queries: Any
) -> None:
    _fill(2)
    alice_client.get("/events/")
    bump_versions(LISTS)
    # User, the two role checks of "may organise", the header's unread
    # count, the space filter's choices, the lists' version; on a miss also
    # the events with their counts.
    with django_assert_num_queries(7 + session_queries()):
        alice_client.get("/events/")
    _fill(8)
    bump_versions(LISTS)
    with django_assert_num_queries(7 + session_queries()):
        response = alice_client.get("/events/")
    assert len(_titles(response)) == 10
    with django_assert_num_queries(6 + session_queries()):
        alice_client.get("/events/")


@pytest.mark.django_db
def test_a_registration_through_the_service_shows_on_the_next_request(
    alice: User, alice_client: Client, bob: User
) -> None:
    event = _in(1, capacity=5)
    assert "0 of 5 seats taken" in alice_client.get("/events/").content.decode()
    register_for_event(event=event, user=bob)
    assert "1 of 5 seats taken" in alice_client.get("/events/").content.decode()


@pytest.mark.django_db
def test_anonymous_list_is_served_from_the_page_cache(
    client: Client, django_assert_num_queries: Any
) -> None:
    _fill(2)
    client.get("/events/")
    with django_assert_num_queries(0):
        response = client.get("/events/")
    assert response["X-Cache"] == "hit"
