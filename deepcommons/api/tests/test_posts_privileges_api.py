"""The API applies the posts' privileges, locks and holds like the pages:
403 with the reason, 400 for a new tag, the vote split only for those who
may see it, and the moderation state in each post."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import CloseReason, Post
from deepcommons.posts.tests.factories import make_answer, make_question, make_site_moderator
from deepcommons.spaces.models import Tag

pytestmark = [pytest.mark.django_db, pytest.mark.real_privileges]


@pytest.fixture(autouse=True)
def _pytorch_tag(db: None) -> None:
    Tag.objects.create(name="pytorch")


def _with_reputation(user: User, amount: int) -> Client:
    User.objects.filter(pk=user.pk).update(reputation=amount)
    client = Client()
    client.force_login(User.objects.get(pk=user.pk))
    return client


def _vote(client: Client, post: Post, value: int) -> object:
    return client.post(
        f"/api/v1/posts/{post.pk}/vote", {"value": value}, content_type="application/json"
    )


def test_a_new_members_vote_is_a_403_with_the_reason(alice: User, bob_client: Client) -> None:
    question = make_question(author=alice)
    response = _vote(bob_client, question, 1)
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert response.json() == {  # type: ignore[attr-defined]
        "message": "You need 15 reputation to vote up (you have 1)."
    }
    assert Post.objects.get(pk=question.pk).score == 0


def test_votes_follow_the_thresholds(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    client = _with_reputation(bob, 15)
    assert _vote(client, question, 1).status_code == 200  # type: ignore[attr-defined]
    down = _vote(client, question, -1)
    assert down.status_code == 403  # type: ignore[attr-defined]
    assert "125 reputation" in down.json()["message"]  # type: ignore[attr-defined]
    assert _vote(_with_reputation(bob, 125), question, -1).status_code == 200  # type: ignore[attr-defined]


def test_comments_need_the_privilege_except_on_own_posts(
    alice: User, alice_client: Client, bob: User, bob_client: Client
) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=bob)
    url = f"/api/v1/posts/{question.pk}/comments"
    refused = bob_client.post(url, {"body": "Which GPU?"}, content_type="application/json")
    assert refused.status_code == 403
    assert "50 reputation to comment" in refused.json()["message"]
    own = alice_client.post(url, {"body": "Edit: a T4."}, content_type="application/json")
    assert own.status_code == 201
    on_answer = alice_client.post(
        f"/api/v1/posts/{answer.pk}/comments", {"body": "Thanks!"}, content_type="application/json"
    )
    assert on_answer.status_code == 201


def test_a_new_tag_is_a_400_below_500(alice_client: Client, alice: User) -> None:
    response = alice_client.post(
        "/api/v1/questions",
        {"title": "A question", "body": "Body.", "tags": ["pytorch", "fresh-tag"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "tags"
    assert "500 reputation to create new tags" in response.json()["message"]
    ok = _with_reputation(alice, 500).post(
        "/api/v1/questions",
        {"title": "A question", "body": "Body.", "tags": ["pytorch", "fresh-tag"]},
        content_type="application/json",
    )
    assert ok.status_code == 201


def test_editing_others_posts_needs_2000(alice: User, bob: User, bob_client: Client) -> None:
    question = make_question(author=alice)
    url = f"/api/v1/questions/{question.pk}"
    refused = bob_client.patch(url, {"body": "Better."}, content_type="application/json")
    assert refused.status_code == 403
    assert "2,000 reputation" in refused.json()["message"]
    ok = _with_reputation(bob, 2000).patch(
        url, {"body": "Better."}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["body"] == "Better."


def test_the_vote_split_is_null_below_1000(alice: User, bob: User, bob_client: Client) -> None:
    question = make_question(author=alice)
    url = f"/api/v1/questions/{question.pk}"
    assert bob_client.get(url).json()["upvotes"] is None
    assert Client().get(url).json()["downvotes"] is None
    data = _with_reputation(bob, 1000).get(url).json()
    assert data["upvotes"] == 0 and data["downvotes"] == 0
    assert _with_reputation(alice, 1).get(url).json()["upvotes"] is None


def test_posts_carry_their_moderation_state(alice: User, client: Client) -> None:
    original = make_question(author=alice, title="Original")
    copy = make_question(author=alice, title="Copy")
    mod = make_site_moderator()
    services.close_post(post=copy, reason=CloseReason.DUPLICATE, by=mod, duplicate_of=original)
    services.lock_post(post=copy, by=mod)
    services.pin_post(post=copy, by=mod)
    services.feature_post(post=copy, by=mod)
    data = client.get(f"/api/v1/questions/{copy.pk}").json()
    assert data["closed"] is True and data["close_reason"] == "duplicate"
    assert data["duplicate_of"] == original.pk
    assert data["locked"] and data["pinned"] and data["featured"]
    assert data["merged_into"] is None


def test_a_closed_question_refuses_answers_through_the_api(alice: User, bob_client: Client) -> None:
    question = make_question(author=alice)
    services.close_post(post=question, reason=CloseReason.OFF_TOPIC, by=make_site_moderator())
    response = bob_client.post(
        f"/api/v1/questions/{question.pk}/answers", {"body": "x"}, content_type="application/json"
    )
    assert response.status_code == 403 and "closed" in response.json()["message"]


def test_a_held_post_is_visible_only_to_its_author_and_moderators(
    alice: User, alice_client: Client, bob_client: Client, client: Client
) -> None:
    question = make_question(author=alice)
    services.hold_post(post=question, reason="Spam score")
    url = f"/api/v1/questions/{question.pk}"
    assert alice_client.get(url).json()["status"] == "held"
    assert bob_client.get(url).status_code == 404
    assert client.get(url).status_code == 404
    listing = bob_client.get("/api/v1/questions").json()["items"]
    assert question.pk not in [item["id"] for item in listing]
    moderator = Client()
    moderator.force_login(make_site_moderator())
    assert moderator.get(url).json()["status"] == "held"


def test_a_silenced_member_gets_a_403_saying_until_when(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    User.objects.filter(pk=bob.pk).update(
        reputation=100,
        silenced_until=timezone.now() + timedelta(days=2),
        suspension_reason="Flame war",
    )
    client = Client()
    client.force_login(User.objects.get(pk=bob.pk))
    response = _vote(client, question, 1)
    assert response.status_code == 403  # type: ignore[attr-defined]
    message = response.json()["message"]  # type: ignore[attr-defined]
    assert message.startswith("You are silenced until") and "Flame war" in message
