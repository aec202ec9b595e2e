from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.social import kinds, services
from deepcommons.social.models import Block, Conversation, Follow, MessageReport
from deepcommons.social.tests.factories import conversation_between


def _post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_anonymous_gets_json_401(client: Client) -> None:
    for url in (
        "/api/v1/feed",
        "/api/v1/notifications",
        "/api/v1/conversations",
        "/api/v1/follows",
    ):
        response = client.get(url)
        assert response.status_code == 401
        assert "message" in response.json()


def test_follow_and_unfollow(bob_client: Client, alice: User, bob: User) -> None:
    response = _post(bob_client, "/api/v1/follows", {"target_type": "user", "target_id": alice.pk})
    assert response.json() == {
        "target_type": "user",
        "target_id": alice.pk,
        "following": True,
        "follower_count": 1,
    }
    assert bob_client.get("/api/v1/follows").json()["items"][0]["target_id"] == alice.pk
    assert [
        p["username"] for p in Client().get("/api/v1/users/alice/followers").json()["items"]
    ] == ["bob"]
    assert bob_client.delete(f"/api/v1/follows/user/{alice.pk}").json()["following"] is False
    assert not Follow.objects.is_following(user=bob, target=alice)


def test_follow_errors_are_json(bob_client: Client, bob: User) -> None:
    own = _post(bob_client, "/api/v1/follows", {"target_type": "user", "target_id": bob.pk})
    assert own.status_code == 400 and own.json()["message"] == "You cannot follow yourself."
    unknown = _post(bob_client, "/api/v1/follows", {"target_type": "planet", "target_id": 1})
    assert unknown.status_code == 404


def test_notifications_list_and_mark_read(
    alice_client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    note = services.notify(recipient=alice, kind=kinds.COMMENT, actor=bob, data={"title": "T"})
    assert note is not None
    assert alice_client.get("/api/v1/notifications/unread-count").json() == {"count": 1}
    (row,) = alice_client.get("/api/v1/notifications").json()["items"]
    assert (row["kind"], row["actor"], row["read"]) == ("comment", "bob", False)
    assert bob_client.post(f"/api/v1/notifications/{note.pk}/read").status_code == 404
    read = alice_client.post(f"/api/v1/notifications/{note.pk}/read")
    assert read.json() == {"marked": 1, "unread": 0}
    assert alice_client.get("/api/v1/notifications?unread=true").json()["items"] == []
    assert alice_client.post("/api/v1/notifications/read-all").json() == {"marked": 0, "unread": 0}


def test_conversations_over_the_api(
    alice_client: Client, bob_client: Client, charlie_client: Client, bob: User
) -> None:
    created = _post(alice_client, "/api/v1/conversations", {"recipients": ["bob"], "body": "hi"})
    assert created.status_code == 201
    conversation_id = created.json()["id"]
    assert bob_client.get(f"/api/v1/conversations/{conversation_id}").json()["unread"] == 1
    (message,) = bob_client.get(f"/api/v1/conversations/{conversation_id}/messages").json()["items"]
    assert message["body_html"] == "<p>hi</p>\n"
    assert bob_client.get(f"/api/v1/conversations/{conversation_id}").json()["unread"] == 0
    reply = _post(bob_client, f"/api/v1/conversations/{conversation_id}/messages", {"body": "yo"})
    assert reply.status_code == 201
    assert (
        charlie_client.get(f"/api/v1/conversations/{conversation_id}/messages").status_code == 404
    )
    bad = _post(alice_client, "/api/v1/conversations", {"recipients": ["ghost"], "body": "hi"})
    assert bad.status_code == 400 and "ghost" in bad.json()["message"]
    empty = _post(alice_client, "/api/v1/conversations", {"recipients": ["bob"], "body": ""})
    assert empty.status_code == 422


def test_a_repeated_follow_does_not_claim_a_second_follower(
    bob_client: Client, charlie_client: Client, alice: User
) -> None:
    body = {"target_type": "user", "target_id": alice.pk}
    assert _post(bob_client, "/api/v1/follows", body).json()["follower_count"] == 1
    again = _post(bob_client, "/api/v1/follows", body).json()
    assert (again["following"], again["follower_count"]) == (True, 1)
    assert _post(charlie_client, "/api/v1/follows", body).json()["follower_count"] == 2


def test_unfollow_gives_the_real_follower_count(
    bob_client: Client, charlie_client: Client, alice: User
) -> None:
    body = {"target_type": "user", "target_id": alice.pk}
    _post(bob_client, "/api/v1/follows", body)
    _post(charlie_client, "/api/v1/follows", body)
    gone = bob_client.delete(f"/api/v1/follows/user/{alice.pk}").json()
    assert (gone["following"], gone["follower_count"]) == (False, 1)
    # Unfollowing what one does not follow changes nothing and says so.
    again = bob_client.delete(f"/api/v1/follows/user/{alice.pk}").json()
    assert (again["following"], again["follower_count"]) == (False, 1)


def test_block_and_unblock_answer_the_blocked_state(
    alice_client: Client, alice: User, bob: User
) -> None:
    assert _post(alice_client, "/api/v1/users/BOB/block", {}).json() == {
        "username": "bob",
        "blocked": True,
    }
    assert _post(alice_client, "/api/v1/users/bob/block", {}).json()["blocked"] is True
    assert Block.objects.filter(blocker=alice, blocked=bob).count() == 1
    assert alice_client.delete("/api/v1/users/bob/block").json() == {
        "username": "bob",
        "blocked": False,
    }
    assert alice_client.delete("/api/v1/users/bob/block").json()["blocked"] is False
    own = _post(alice_client, "/api/v1/users/alice/block", {})
    assert own.status_code == 400


def test_marking_read_counts_only_what_changed(
    alice_client: Client, alice: User, bob: User, charlie: User
) -> None:
    first = services.notify(recipient=alice, kind=kinds.COMMENT, actor=bob, data={"title": "A"})
    services.notify(recipient=alice, kind=kinds.COMMENT, actor=charlie, data={"title": "B"})
    assert first is not None
    url = f"/api/v1/notifications/{first.pk}/read"
    assert alice_client.post(url).json() == {"marked": 1, "unread": 1}
    assert alice_client.post(url).json() == {"marked": 0, "unread": 1}
    assert alice_client.post("/api/v1/notifications/read-all").json() == {"marked": 1, "unread": 0}


def test_leaving_and_adding_people_answer_the_new_membership(
    alice_client: Client, bob_client: Client, bob: User, charlie: User
) -> None:
    group = conversation_between(User.objects.get(username="alice"), bob)
    single = conversation_between(bob, charlie)
    Conversation.objects.filter(pk=group.pk).update(is_group=True)
    added = _post(
        alice_client, f"/api/v1/conversations/{group.pk}/participants", {"usernames": ["charlie"]}
    )
    assert added.json() == {"added": 1, "participants": ["alice", "bob", "charlie"]}
    left = _post(bob_client, f"/api/v1/conversations/{group.pk}/leave", {})
    assert left.json() == {"conversation_id": group.pk, "participating": False}
    assert _post(bob_client, f"/api/v1/conversations/{group.pk}/leave", {}).status_code == 404
    assert _post(bob_client, f"/api/v1/conversations/{single.pk}/leave", {}).status_code == 400


def test_reporting_twice_keeps_the_first_report(
    alice_client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    conversation = conversation_between(alice, bob, body="rude")
    message = conversation.messages.get()
    url = f"/api/v1/conversations/{conversation.pk}/messages/{message.pk}/report"
    first = _post(bob_client, url, {"reason": "spam"}).json()
    assert (first["message_id"], first["reported"]) == (message.pk, True)
    again = _post(bob_client, url, {"reason": "still spam"}).json()
    assert again["reported_at"] == first["reported_at"]
    assert MessageReport.objects.filter(message=message).count() == 1
    assert _post(alice_client, url, {"reason": "mine"}).status_code == 400


def test_conversation_list_costs_the_same_for_2_and_20_conversations(
    alice: User, alice_client: Client, django_assert_num_queries: Any
) -> None:
    def make(count: int) -> None:
        for _ in range(count):
            other = UserFactory()
            conversation = conversation_between(other, alice, UserFactory())
            services.send_message(conversation=conversation, sender=other, body="more")

    make(2)
    alice_client.get("/api/v1/conversations")  # warm the session and content type caches
    with CaptureQueriesContext(connection) as small:
        rows = alice_client.get("/api/v1/conversations").json()["items"]
    assert [r["unread"] for r in rows] == [2, 2]
    make(18)
    with django_assert_num_queries(len(small.captured_queries)):
        rows = alice_client.get("/api/v1/conversations").json()["items"]
    assert len(rows) == 20
    assert all(r["unread"] == 2 and len(r["participants"]) == 3 for r in rows)


def test_conversation_unread_counts_match_the_messages_page(
    alice: User, alice_client: Client, bob: User, charlie: User
) -> None:
    read = conversation_between(bob, alice, body="one")
    unread = conversation_between(charlie, alice, body="two")
    services.send_message(conversation=unread, sender=alice, body="mine")
    services.send_message(conversation=unread, sender=charlie, body="three")
    services.send_message(conversation=unread, sender=charlie, body="four")
    alice_client.get(f"/messages/{read.pk}/")
    page = {
        r["conversation"].pk: r["unread"] for r in alice_client.get("/messages/").context["rows"]
    }
    api = {r["id"]: r["unread"] for r in alice_client.get("/api/v1/conversations").json()["items"]}
    assert page == api == {read.pk: 0, unread.pk: 2}
