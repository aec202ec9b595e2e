from __future__ import annotations

from typing import Any

from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Comment
from deepcommons.posts.tests.factories import make_answer, make_comment, make_question
from deepcommons.spaces.tests.factories import SpaceFactory


def _patch(client: Client, comment_id: int, body: str, method: str = "patch") -> Any:
    return getattr(client, method)(
        f"/api/v1/comments/{comment_id}", {"body": body}, content_type="application/json"
    )


def test_author_updates_a_comment_with_patch_or_put(
    bob_client: Client, alice: User, bob: User
) -> None:
    comment = make_comment(make_question(author=alice), author=bob, body="frist")
    response = _patch(bob_client, comment.pk, "First, with **bold**")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["body"] == "First, with **bold**"
    assert "<strong>bold</strong>" in data["body_html"]
    assert data["edited_at"] is None  # within the grace period
    assert _patch(bob_client, comment.pk, "again", method="put").status_code == 200
    assert Comment.objects.get(pk=comment.pk).body == "again"


def test_others_get_403_anonymous_401_and_limits_400(
    alice_client: Client, client: Client, alice: User, bob: User
) -> None:
    comment = make_comment(make_question(author=alice), author=bob, body="mine")
    assert _patch(alice_client, comment.pk, "theirs").status_code == 403
    assert _patch(client, comment.pk, "theirs").status_code == 401
    bob_client = Client()
    bob_client.force_login(bob)
    response = _patch(bob_client, comment.pk, "c" * 601)
    assert response.status_code == 400
    assert "limit is 600" in response.json()["message"]
    assert Comment.objects.get(pk=comment.pk).body == "mine"


def test_deleted_comment_or_hidden_post_is_404(bob_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    gone = make_comment(question, author=bob)
    services.delete_comment(comment=gone, by=bob)
    assert _patch(bob_client, gone.pk, "back").status_code == 404
    hidden = make_comment(question, author=bob)
    services.delete_post(post=question, by=alice)
    assert _patch(bob_client, hidden.pk, "x").status_code == 404


def test_space_moderator_updates_comments_in_their_space(
    charlie_client: Client, alice: User, bob: User, charlie: User
) -> None:
    cv = SpaceFactory(slug="cv")
    cv.moderators.add(charlie)
    answer = make_answer(make_question(author=alice, space=cv), author=alice)
    here = make_comment(answer, author=bob)
    there = make_comment(make_question(author=alice, space=SpaceFactory(slug="nlp")), author=bob)
    assert _patch(charlie_client, here.pk, "tidied").status_code == 200
    assert _patch(charlie_client, there.pk, "tidied").status_code == 403
