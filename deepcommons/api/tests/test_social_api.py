from __future__ import annotations

import json
from typing import Any

from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.social import kinds, services
from deepcommons.social.models import Follow


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
    assert response.json() == {"target_type": "user", "target_id": alice.pk, "following": True}
    assert bob_client.get("/api/v1/follows").json()[0]["target_id"] == alice.pk
    assert [p["username"] for p in Client().get("/api/v1/users/alice/followers").json()] == ["bob"]
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
    (row,) = alice_client.get("/api/v1/notifications").json()
    assert (row["kind"], row["actor"], row["read"]) == ("comment", "bob", False)
    assert bob_client.post(f"/api/v1/notifications/{note.pk}/read").status_code == 404
    assert alice_client.post(f"/api/v1/notifications/{note.pk}/read").json() == {"count": 1}
    assert alice_client.get("/api/v1/notifications?unread=true").json() == []
    assert alice_client.post("/api/v1/notifications/read-all").json() == {"count": 0}


def test_conversations_over_the_api(
    alice_client: Client, bob_client: Client, charlie_client: Client, bob: User
) -> None:
    created = _post(alice_client, "/api/v1/conversations", {"recipients": ["bob"], "body": "hi"})
    assert created.status_code == 201
    conversation_id = created.json()["id"]
    assert bob_client.get(f"/api/v1/conversations/{conversation_id}").json()["unread"] == 1
    (message,) = bob_client.get(f"/api/v1/conversations/{conversation_id}/messages").json()
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
