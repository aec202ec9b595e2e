"""Social lists page with core.pagination: the pages and the API walk the same
rows, a foreign or hostile cursor gives page 1 on a page and a JSON 400 in the
API, and the conversation list pages by activity, not by id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts.tests.cursor_fuzz import hostile_cursors
from deepcommons.social import kinds, services
from deepcommons.social.models import Conversation, Follow, Notification
from deepcommons.social.tests.factories import conversation_between

pytestmark = pytest.mark.django_db

START = datetime(2025, 3, 1, tzinfo=UTC)


def _walk_api(client: Client, url: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    cursor = ""
    while True:
        response = client.get(url, {"cursor": cursor})
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["items"])
        if not body["next_cursor"]:
            return rows
        cursor = body["next_cursor"]


def _conversations(alice: User, count: int) -> list[Conversation]:
    """`count` conversations whose activity order is the reverse of their ids."""
    made = [conversation_between(UserFactory(), alice, body=f"hello {i}") for i in range(count)]
    for i, conversation in enumerate(made):
        Conversation.objects.filter(pk=conversation.pk).update(
            last_message_at=START - timedelta(hours=i)
        )
    return made


def test_conversation_pages_follow_activity_not_ids(alice: User, alice_client: Client) -> None:
    made = _conversations(alice, 35)
    expected = [c.pk for c in made]  # the oldest id was active last
    first = alice_client.get("/messages/")
    assert [r["conversation"].pk for r in first.context["rows"]] == expected[:30]
    cursor = first.context["next_cursor"]
    second = alice_client.get("/messages/", {"cursor": cursor})
    assert [r["conversation"].pk for r in second.context["rows"]] == expected[30:]
    assert second.context["next_cursor"] is None
    api = _walk_api(alice_client, "/api/v1/conversations")
    assert [r["id"] for r in api] == expected


def test_conversation_list_shows_the_other_people_and_the_newest_message(
    alice: User, alice_client: Client, bob: User, charlie: User
) -> None:
    group = conversation_between(bob, alice, charlie, body="first", title="Reading group")
    services.send_message(conversation=group, sender=alice, body="see you **thursday**")
    direct = conversation_between(bob, alice, body="a question about CUDA")
    response = alice_client.get("/messages/")
    rows = {r["conversation"].pk: r for r in response.context["rows"]}
    assert [p.username for p in rows[group.pk]["people"]] == ["bob", "charlie"]
    assert rows[group.pk]["preview"] == "see you **thursday**"
    assert rows[group.pk]["preview_is_mine"] is True
    assert rows[direct.pk]["preview_is_mine"] is False
    html = response.content.decode()
    assert "a question about CUDA" in html and "Reading group" in html
    api = {r["id"]: r for r in alice_client.get("/api/v1/conversations").json()["items"]}
    assert api[direct.pk]["last_message"] == "a question about CUDA"


def test_message_pages_go_back_in_time_on_page_and_api(
    alice: User, bob: User, alice_client: Client
) -> None:
    conversation = conversation_between(alice, bob, body="m0")
    for i in range(1, 60):
        services.send_message(conversation=conversation, sender=bob, body=f"m{i}")
    page = alice_client.get(f"/messages/{conversation.pk}/")
    shown = [m.body for m in page.context["messages_page"]]
    assert shown == [f"m{i}" for i in range(10, 60)]
    older = alice_client.get(
        f"/messages/{conversation.pk}/", {"cursor": page.context["older_cursor"]}
    )
    assert [m.body for m in older.context["messages_page"]] == [f"m{i}" for i in range(10)]
    assert older.context["older_cursor"] is None
    api = _walk_api(alice_client, f"/api/v1/conversations/{conversation.pk}/messages")
    assert [m["body"] for m in api] == [f"m{i}" for i in reversed(range(60))]


def test_notification_and_follow_lists_walk_every_row_once(
    alice: User, alice_client: Client
) -> None:
    for i in range(70):
        follower = UserFactory()
        Follow.objects.create(user=follower, target=alice, created_at=START)  # ties on purpose
        services.notify(recipient=alice, kind=kinds.COMMENT, actor=follower, data={"n": i})
    Notification.objects.filter(recipient=alice).update(created_at=START)
    notifications = _walk_api(alice_client, "/api/v1/notifications")
    assert len(notifications) == len({n["id"] for n in notifications}) == 70
    followers = _walk_api(alice_client, "/api/v1/users/alice/followers")
    assert len({f["username"] for f in followers}) == 70
    page_one = alice_client.get("/u/alice/followers/")
    page_two = alice_client.get("/u/alice/followers/", {"cursor": page_one.context["next_cursor"]})
    on_pages = [p.username for p in page_one.context["people"] + page_two.context["people"]]
    assert on_pages == [f["username"] for f in followers][: len(on_pages)]


@pytest.mark.parametrize(
    "page_url, api_url",
    [
        ("/messages/", "/api/v1/conversations"),
        ("/notifications/", "/api/v1/notifications"),
        ("/u/alice/followers/", "/api/v1/users/alice/followers"),
        ("/u/alice/following/", "/api/v1/users/alice/following"),
    ],
)
def test_hostile_cursors_give_page_one_on_pages_and_400_in_the_api(
    alice_client: Client, bob: User, page_url: str, api_url: str
) -> None:
    conversation_between(bob, User.objects.get(username="alice"))
    first = alice_client.get(page_url)
    assert first.status_code == 200
    # A real cursor made for another list (the posts') is refused as well.
    for cursor in hostile_cursors(seed=12, count=15):
        page = alice_client.get(page_url, {"cursor": cursor})
        assert page.status_code == 200, cursor
        api = alice_client.get(api_url, {"cursor": cursor})
        assert api.status_code == 400, cursor
        assert "message" in api.json() or "detail" in api.json()


def test_a_message_cursor_does_not_open_another_conversation(
    alice: User, bob: User, charlie: User, alice_client: Client, charlie_client: Client
) -> None:
    mine = conversation_between(alice, bob, body="private")
    for i in range(55):
        services.send_message(conversation=mine, sender=bob, body=f"secret {i}")
    cursor = alice_client.get(f"/messages/{mine.pk}/").context["older_cursor"]
    theirs = conversation_between(charlie, bob, body="theirs")
    response = charlie_client.get(f"/messages/{theirs.pk}/", {"cursor": cursor})
    bodies = [m.body for m in response.context["messages_page"]]
    assert all(not body.startswith("secret") and body != "private" for body in bodies)
