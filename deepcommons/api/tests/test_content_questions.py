from __future__ import annotations

from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.spaces.tests.factories import SpaceFactory


def test_create_question_with_space_and_tags(alice_client: Client, alice: User) -> None:
    SpaceFactory(slug="nlp")
    response = alice_client.post(
        "/api/v1/questions",
        {"title": "Tokenizer?", "body": "Which **BPE**?", "tags": ["nlp", "bpe"], "space": "nlp"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["author"] == "alice" and data["space"] == "nlp"
    assert sorted(data["tags"]) == ["bpe", "nlp"]
    assert "<strong>BPE</strong>" in data["body_html"]
    assert Post.objects.filter(kind=Kind.QUESTION, author=alice).count() == 1


def test_anonymous_cannot_create(client: Client, db: None) -> None:
    response = client.post(
        "/api/v1/questions",
        {"title": "x", "body": "y", "tags": ["a"]},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_over_limit_is_a_400_with_field_errors(alice_client: Client) -> None:
    response = alice_client.post(
        "/api/v1/questions",
        {"title": "t" * 151, "body": "b", "tags": ["a"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "title"
    assert "limit is 150" in response.json()["message"]


def test_read_list_update_delete(
    client: Client, alice_client: Client, bob_client: Client, alice: User
) -> None:
    question = make_question(author=alice, title="Original")
    listing = client.get("/api/v1/questions?sort=latest").json()
    assert [item["title"] for item in listing["items"]] == ["Original"]
    assert client.get(f"/api/v1/questions/{question.pk}").json()["title"] == "Original"
    patch = {"title": "Edited"}
    assert (
        bob_client.patch(
            f"/api/v1/questions/{question.pk}", patch, content_type="application/json"
        ).status_code
        == 403
    )
    response = alice_client.patch(
        f"/api/v1/questions/{question.pk}", patch, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["title"] == "Edited"
    assert bob_client.delete(f"/api/v1/questions/{question.pk}").status_code == 403
    assert alice_client.delete(f"/api/v1/questions/{question.pk}").status_code == 200
    assert client.get(f"/api/v1/questions/{question.pk}").status_code == 404
    assert alice_client.get(f"/api/v1/questions/{question.pk}").json()["is_deleted"] is True


def test_bad_sort_is_a_400(client: Client, db: None) -> None:
    assert client.get("/api/v1/questions?sort=random").status_code == 400


def test_answer_accept_and_vote(
    alice_client: Client, bob_client: Client, charlie_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=alice)
    response = bob_client.post(
        f"/api/v1/questions/{question.pk}/answers",
        {"body": "Try AdamW"},
        content_type="application/json",
    )
    assert response.status_code == 201
    answer_id = response.json()["id"]
    assert bob_client.post(f"/api/v1/answers/{answer_id}/accept").status_code == 403
    accepted = alice_client.post(f"/api/v1/answers/{answer_id}/accept")
    assert accepted.status_code == 200 and accepted.json()["accepted_answer_id"] == answer_id
    vote = charlie_client.post(
        f"/api/v1/posts/{answer_id}/vote", {"value": 1}, content_type="application/json"
    )
    assert vote.json() == {"post_id": answer_id, "value": 1, "score": 1}
    own = bob_client.post(
        f"/api/v1/posts/{answer_id}/vote", {"value": 1}, content_type="application/json"
    )
    assert own.status_code == 403
    listed = alice_client.get(f"/api/v1/questions/{question.pk}/answers").json()
    assert [a["id"] for a in listed] == [answer_id]


def test_answer_update_and_delete_by_author_only(
    alice_client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    answer = make_answer(make_question(author=alice), author=bob, body="v1")
    assert (
        alice_client.patch(
            f"/api/v1/answers/{answer.pk}", {"body": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    response = bob_client.patch(
        f"/api/v1/answers/{answer.pk}", {"body": "v2"}, content_type="application/json"
    )
    assert response.json()["body"] == "v2"
    assert bob_client.delete(f"/api/v1/answers/{answer.pk}").status_code == 200
