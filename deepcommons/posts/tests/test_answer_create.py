from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts.models import Draft, Kind, Post
from deepcommons.posts.tests.factories import make_question


def _url(question: Post) -> str:
    return reverse("posts:answer-create", kwargs={"post_id": question.pk})


def test_anonymous_cannot_answer(client: Client, alice: User) -> None:
    question = make_question(author=alice)
    response = client.post(_url(question), {"body": "hi"})
    assert response.status_code == 302
    assert not Post.objects.filter(kind=Kind.ANSWER).exists()


def test_other_user_answers_and_counters_move(bob_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    Draft.objects.create(user=bob, key=f"answer-{question.pk}", body="half written")
    response = bob_client.post(_url(question), {"body": "Use `torch.nn.utils.clip_grad_norm_`."})
    answer = Post.objects.get(kind=Kind.ANSWER)
    assert response.status_code == 302
    assert response["Location"] == answer.get_absolute_url()
    assert answer.parent == question and answer.author == bob
    question.refresh_from_db()
    assert question.answer_count == 1
    assert not Draft.objects.filter(user=bob).exists()


def test_empty_or_too_long_answer_shows_error_and_keeps_text(
    bob_client: Client, alice: User
) -> None:
    question = make_question(author=alice)
    response = bob_client.post(_url(question), {"body": "x" * 40_001})
    assert response.status_code == 400
    assert "the limit is 40000" in response.content.decode()
    assert "x" * 100 in response.content.decode()
    assert not Post.objects.filter(kind=Kind.ANSWER).exists()


def test_cannot_answer_a_deleted_question(alice: User, bob_client: Client) -> None:
    from deepcommons.posts import services

    question = make_question(author=alice)
    services.delete_post(post=question, by=alice)
    assert bob_client.post(_url(question), {"body": "late"}).status_code == 404
