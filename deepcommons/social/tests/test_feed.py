from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.social import services
from deepcommons.social.feed import (
    FeedCursor,
    FeedItem,
    register_feed_source,
    unregister_feed_source,
)
from deepcommons.social.models import Follow

NOW = timezone.now()


def _items(author: User, count: int) -> list[FeedItem]:
    return [
        FeedItem(
            created_at=NOW - timedelta(minutes=i),
            key=f"fake:{i:06d}",
            template="social/tests/fake_item.html",
            context={"title": f"Post {i} by {author.username}"},
            data={"title": f"Post {i}"},
        )
        for i in range(count)
    ]


@pytest.fixture
def fake_posts(alice: User) -> Iterator[list[FeedItem]]:
    """A feed source the way posts will register one: items by followed users."""
    store: list[FeedItem] = []

    def source(user: Any, cursor: FeedCursor | None, limit: int) -> Sequence[FeedItem]:
        if alice.pk not in Follow.objects.followed_ids(user=user, model=User):
            return []
        rows = [i for i in store if cursor is None or cursor.is_after(i)]
        return sorted(rows, key=lambda i: (i.created_at, i.key), reverse=True)[:limit]

    register_feed_source(source)
    yield store
    unregister_feed_source(source)


def test_anonymous_is_sent_to_login(client: Client) -> None:
    assert client.get("/feed/")["Location"].startswith("/accounts/login/")


def test_feed_shows_followed_posts_newest_first_with_keyset_pages(
    bob_client: Client, bob: User, alice: User, fake_posts: list[FeedItem]
) -> None:
    fake_posts.extend(_items(alice, 45))
    services.follow(user=bob, target=alice)
    first = bob_client.get("/feed/")
    body = first.content.decode()
    assert body.index("Post 0 by alice") < body.index("Post 19 by alice")
    assert "Post 20 by alice" not in body
    cursor = first.context["page"].next_cursor.encode()
    second = bob_client.get(f"/feed/?cursor={cursor}").content.decode()
    assert "Post 20 by alice" in second and "Post 19 by alice" not in second


def test_feed_query_count_does_not_grow_with_items(
    bob_client: Client,
    bob: User,
    alice: User,
    fake_posts: list[FeedItem],
    django_assert_max_num_queries: Any,
) -> None:
    services.follow(user=bob, target=alice)
    fake_posts.extend(_items(alice, 5))
    bob_client.get("/feed/")  # the day's first request also logs a visit (analytics)
    with django_assert_max_num_queries(14) as small:
        bob_client.get("/feed/")
    fake_posts.extend(_items(alice, 50))
    with django_assert_max_num_queries(14) as large:
        bob_client.get("/feed/")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_empty_feed_suggests_people(
    charlie_client: Client, alice: User, bob: User, fake_posts: list[FeedItem]
) -> None:
    services.follow(user=bob, target=alice)
    response = charlie_client.get("/feed/")
    assert response.status_code == 200
    assert response.context["people"][0] == alice
    assert "People to follow" in response.content.decode()


def _b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _titles(html: str) -> list[str]:
    return re.findall(r"Post \d+ by alice", html)


@pytest.mark.parametrize(
    "cursor",
    [
        "%%%garbage",
        _b64('["not a date", "fake:000001"]'),
        _b64('{"created": 1}'),
        _b64('["2026-01-02T00:00:00+00:00", 7]'),
        "A" * 400,
    ],
)
def test_a_bad_cursor_shows_the_first_page(
    bob_client: Client, bob: User, alice: User, fake_posts: list[FeedItem], cursor: str
) -> None:
    fake_posts.extend(_items(alice, 45))
    services.follow(user=bob, target=alice)
    first = bob_client.get("/feed/").content.decode()
    response = bob_client.get("/feed/", {"cursor": cursor})
    assert response.status_code == 200
    # The same twenty newest items, in the same order, as without a cursor.
    assert _titles(response.content.decode()) == [f"Post {i} by alice" for i in range(20)]
    assert _titles(response.content.decode()) == _titles(first)
