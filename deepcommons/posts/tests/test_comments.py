from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts.models import Comment, Kind
from deepcommons.posts.tests.factories import make_comment, make_post, make_question


def _url(post_id: int) -> str:
    return reverse("posts:comment-create", kwargs={"post_id": post_id})


def test_member_comments_with_htmx(bob_client: Client, alice: User) -> None:
    question = make_question(author=alice)
    response = bob_client.post(
        _url(question.pk), {"body": "Which *version*?"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "<em>version</em>" in response.content.decode()
    question.refresh_from_db()
    assert question.comment_count == 1


def test_comment_over_600_chars_is_refused_and_kept(bob_client: Client, alice: User) -> None:
    question = make_question(author=alice)
    text = "c" * 601
    response = bob_client.post(_url(question.pk), {"body": text})
    assert response.status_code == 400
    assert "601 characters long; the limit is 600" in response.content.decode()
    assert text in response.content.decode()
    assert not Comment.objects.exists()


def test_anonymous_cannot_comment(client: Client, alice: User) -> None:
    question = make_question(author=alice)
    assert client.post(_url(question.pk), {"body": "hi"}).status_code == 302
    assert not Comment.objects.exists()


def test_discussions_take_no_comments(bob_client: Client, alice: User) -> None:
    discussion = make_post(Kind.DISCUSSION, author=alice, title="Chat", body="b", tags="")
    response = bob_client.post(_url(discussion.pk), {"body": "hi"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_only_the_author_deletes_a_comment(
    alice_client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=alice)
    comment = make_comment(question, author=bob)
    url = reverse("posts:comment-delete", kwargs={"comment_id": comment.pk})
    assert alice_client.post(url).status_code == 403
    assert bob_client.post(url).status_code == 302
    comment.refresh_from_db()
    question.refresh_from_db()
    assert comment.deleted_at is not None
    assert question.comment_count == 0
