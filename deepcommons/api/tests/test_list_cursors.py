"""The API lists answer 400 with a JSON message for a cursor they did not make (issue 20)."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.core.pagination import encode_cursor
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.querysets import SORT_FIELDS
from deepcommons.posts.tests.cursor_fuzz import hostile_cursors, sorts_with_another_field
from deepcommons.posts.tests.factories import make_post

LISTS = {
    "/api/v1/questions": Kind.QUESTION,
    "/api/v1/discussions": Kind.DISCUSSION,
    "/api/v1/articles": Kind.ARTICLE,
    "/api/v1/tutorials": Kind.TUTORIAL,
}
SORTS = list(SORT_FIELDS)


def _assert_refused(response: object, context: object) -> None:
    assert response.status_code == 400, (context, response.content)  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body == {"message": "The cursor does not belong to this list and sort."}, context


@pytest.fixture
def posts(alice: User) -> dict[str, Post]:
    return {
        url: make_post(kind, author=alice, title=f"a {kind}", body="text")
        for url, kind in LISTS.items()
    }


def test_hostile_cursors_are_a_400_on_every_list(client: Client, posts: dict[str, Post]) -> None:
    for url in LISTS:
        for i, cursor in enumerate(hostile_cursors()):
            sort = SORTS[(i + len(url)) % len(SORTS)]
            response = client.get(url, {"sort": sort, "cursor": cursor})
            _assert_refused(response, (url, sort, cursor))


def test_a_cursor_from_another_sort_is_a_400(
    client: Client, alice_client: Client, posts: dict[str, Post]
) -> None:
    for url, post in posts.items():
        for sort in SORTS:
            for other in sorts_with_another_field(sort):
                field = SORT_FIELDS[other]
                cursor = encode_cursor(
                    Post, field=field, descending=True, value=getattr(post, field), pk=post.pk
                )
                for who in (client, alice_client):
                    _assert_refused(who.get(url, {"sort": sort, "cursor": cursor}), (url, sort))


def test_issue_20_cursor_is_a_400(client: Client, posts: dict[str, Post]) -> None:
    _assert_refused(client.get("/api/v1/questions?cursor=WzAsMTMyXQ"), "issue 20")


def test_a_cursor_from_the_same_list_pages_on(client: Client, alice: User) -> None:
    for i in range(21):
        make_post(Kind.QUESTION, author=alice, title=f"q{i}", body="text")
    for sort in SORTS:
        first = client.get("/api/v1/questions", {"sort": sort}).json()
        assert len(first["items"]) == 20, sort
        cursor = first["next_cursor"]
        assert cursor is not None, sort
        second = client.get("/api/v1/questions", {"sort": sort, "cursor": cursor})
        assert second.status_code == 200, sort
        assert len(second.json()["items"]) == 1, sort
        assert second.json()["next_cursor"] is None
