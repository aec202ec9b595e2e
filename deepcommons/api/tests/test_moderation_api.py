from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction, AuditEntry, Flag
from deepcommons.moderation.tests.factories import make_administrator, make_moderator
from deepcommons.posts import services as posts
from deepcommons.posts.tests.factories import make_question

pytestmark = pytest.mark.django_db


def post_json(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


def moderator_client() -> Client:
    client = Client()
    client.force_login(make_moderator())
    return client


def test_member_flags_a_post_and_lists_their_flags(alice_client: Client, bob: User) -> None:
    question = make_question(author=bob)
    body = {"target_type": "post", "target_id": question.pk, "reason": "spam"}
    response = post_json(alice_client, "/api/v1/flags", body)
    assert response.status_code == 201 and response.json()["status"] == "open"
    listed = alice_client.get("/api/v1/flags").json()
    assert [f["target_id"] for f in listed["items"]] == [question.pk]


def test_flag_errors_are_json_4xx(alice_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=bob)
    body = {"target_type": "post", "target_id": question.pk, "reason": "boring"}
    assert post_json(alice_client, "/api/v1/flags", body).status_code == 400
    own = {"target_type": "post", "target_id": make_question(author=alice).pk, "reason": "spam"}
    response = post_json(alice_client, "/api/v1/flags", own)
    assert response.status_code == 400 and "own post" in response.json()["message"]
    posts.delete_post(post=question, by=bob)
    body["reason"] = "spam"
    response = post_json(alice_client, "/api/v1/flags", body)
    assert response.status_code == 400 and "deleted" in response.json()["message"]
    missing = {"target_type": "post", "target_id": 999_999, "reason": "spam"}
    assert post_json(alice_client, "/api/v1/flags", missing).status_code == 404
    assert alice_client.get("/api/v1/flags", {"cursor": "junk"}).status_code == 400
    assert not Flag.objects.exists()


def test_anonymous_cannot_flag(client: Client, bob: User) -> None:
    body = {"target_type": "user", "target_id": bob.pk, "reason": "spam"}
    assert post_json(client, "/api/v1/flags", body).status_code == 401


def test_non_moderators_get_403(alice_client: Client, bob: User) -> None:
    question = make_question(author=bob)
    url = f"/api/v1/moderation/posts/{question.pk}"
    assert post_json(alice_client, f"{url}/close", {"reason": "off-topic"}).status_code == 403
    assert post_json(alice_client, f"{url}/lock", {}).status_code == 403
    suspend = {"days": 1, "reason": "x"}
    assert (
        post_json(alice_client, "/api/v1/moderation/users/bob/suspend", suspend).status_code == 403
    )
    assert (
        post_json(alice_client, "/api/v1/moderation/users/bob/destroy-spammer", {}).status_code
        == 403
    )
    assert alice_client.get("/api/v1/moderation/log").status_code == 403
    assert not AuditEntry.objects.exists()


def test_moderator_closes_reopens_and_locks(bob: User) -> None:
    client = moderator_client()
    question = make_question(author=bob)
    url = f"/api/v1/moderation/posts/{question.pk}"
    closed = post_json(client, f"{url}/close", {"reason": "off-topic"})
    assert closed.status_code == 200 and closed.json()["closed"] is True
    assert post_json(client, f"{url}/reopen", {}).json()["closed"] is False
    assert post_json(client, f"{url}/lock", {"reason": "heat"}).json()["locked"] is True
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [AuditAction.CLOSE, AuditAction.REOPEN, AuditAction.LOCK]


def test_bad_moderation_input_is_json_400(bob: User) -> None:
    client = moderator_client()
    question = make_question(author=bob)
    other = make_question(author=bob, title="Other")
    url = f"/api/v1/moderation/posts/{question.pk}"
    assert post_json(client, f"{url}/close", {"reason": "ugly"}).status_code == 400
    itself = {"reason": "duplicate", "duplicate_of": question.pk}
    assert post_json(client, f"{url}/close", itself).status_code == 400
    merge_self = post_json(client, f"{url}/merge", {"target": question.pk})
    assert merge_self.status_code == 400 and "itself" in merge_self.json()["message"]
    dup = {"reason": "duplicate", "duplicate_of": other.pk}
    assert post_json(client, f"{url}/close", dup).status_code == 200
    cycle = {"reason": "duplicate", "duplicate_of": question.pk}
    response = post_json(client, f"/api/v1/moderation/posts/{other.pk}/close", cycle)
    assert response.status_code == 400


def test_suspending_an_administrator_is_a_json_400(bob: User) -> None:
    make_administrator(bob)
    response = post_json(
        moderator_client(), "/api/v1/moderation/users/bob/suspend", {"days": 2, "reason": "x"}
    )
    assert response.status_code == 400 and "Administrators" in response.json()["message"]


def test_moderator_suspends_and_destroys(alice: User, bob: User) -> None:
    client = moderator_client()
    response = post_json(client, "/api/v1/moderation/users/bob/suspend", {"reason": "spam"})
    assert response.status_code == 200 and response.json()["suspension_reason"] == "spam"
    make_question(author=alice)
    result = post_json(client, "/api/v1/moderation/users/alice/destroy-spammer", {"reason": "s"})
    assert result.json() == {"posts": 1, "comments": 0, "votes": 0}


def test_moderators_page_the_audit_log(bob: User) -> None:
    client = moderator_client()
    for _n in range(3):
        post_json(client, f"/api/v1/moderation/posts/{make_question(author=bob).pk}/lock", {})
    page = client.get("/api/v1/moderation/log", {"action": "lock"}).json()
    assert len(page["items"]) == 3 and page["items"][0]["target_type"] == "posts.post"
    assert client.get("/api/v1/moderation/log", {"cursor": "junk"}).status_code == 400
