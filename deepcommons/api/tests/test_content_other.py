from __future__ import annotations

from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts.models import Bookmark, Comment
from deepcommons.posts.tests.factories import make_question


def test_articles_tutorials_discussions_round_trip(alice_client: Client, client: Client) -> None:
    for plural, extra in [
        ("articles", {"summary": "short"}),
        ("tutorials", {"difficulty": "advanced", "prerequisites": "Calculus"}),
        ("discussions", {}),
    ]:
        response = alice_client.post(
            f"/api/v1/{plural}",
            {"title": f"A {plural}", "body": "text", **extra},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        post_id = response.json()["id"]
        assert client.get(f"/api/v1/{plural}/{post_id}").json()["title"] == f"A {plural}"
        assert [p["id"] for p in client.get(f"/api/v1/{plural}").json()["items"]] == [post_id]


def test_draft_article_hidden_from_others(alice_client: Client, bob_client: Client) -> None:
    response = alice_client.post(
        "/api/v1/articles",
        {"title": "WIP", "body": "x", "draft": True},
        content_type="application/json",
    )
    post_id = response.json()["id"]
    assert bob_client.get(f"/api/v1/articles/{post_id}").status_code == 404
    assert (
        bob_client.post(
            f"/api/v1/posts/{post_id}/vote", {"value": 1}, content_type="application/json"
        ).status_code
        == 404
    )


def test_replies_with_reply_to(alice_client: Client, bob_client: Client) -> None:
    discussion_id = alice_client.post(
        "/api/v1/discussions", {"title": "Chat", "body": "hi"}, content_type="application/json"
    ).json()["id"]
    first = bob_client.post(
        f"/api/v1/discussions/{discussion_id}/replies",
        {"body": "one"},
        content_type="application/json",
    ).json()
    second = alice_client.post(
        f"/api/v1/discussions/{discussion_id}/replies",
        {"body": "two", "reply_to": first["id"]},
        content_type="application/json",
    ).json()
    assert second["reply_to_id"] == first["id"]
    assert (
        bob_client.post(
            f"/api/v1/posts/{second['id']}/vote", {"value": -1}, content_type="application/json"
        ).status_code
        == 400
    )


def test_comments_and_bookmarks(
    client: Client, alice_client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=alice)
    too_long = bob_client.post(
        f"/api/v1/posts/{question.pk}/comments",
        {"body": "x" * 601},
        content_type="application/json",
    )
    assert too_long.status_code == 400
    created = bob_client.post(
        f"/api/v1/posts/{question.pk}/comments",
        {"body": "Which GPU?"},
        content_type="application/json",
    )
    assert created.status_code == 201
    comment_id = created.json()["id"]
    assert [c["body"] for c in client.get(f"/api/v1/posts/{question.pk}/comments").json()] == [
        "Which GPU?"
    ]
    assert client.get(f"/api/v1/comments/{comment_id}").status_code == 200
    assert alice_client.delete(f"/api/v1/comments/{comment_id}").status_code == 403
    assert bob_client.delete(f"/api/v1/comments/{comment_id}").status_code == 200
    assert Comment.objects.get(pk=comment_id).deleted_at is not None
    assert bob_client.post(f"/api/v1/posts/{question.pk}/bookmark").status_code == 200
    assert Bookmark.objects.filter(user=bob, post=question).exists()
    assert bob_client.delete(f"/api/v1/posts/{question.pk}/bookmark").status_code == 200
    assert not Bookmark.objects.exists()
    assert client.post(f"/api/v1/posts/{question.pk}/bookmark").status_code == 401


def test_openapi_documents_the_content_routes(client: Client, db: None) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/questions",
        "/api/v1/answers/{post_id}/accept",
        "/api/v1/posts/{post_id}/vote",
    ]:
        assert path in paths
