from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.spaces.models import Tag


def test_author_deletes_and_undeletes_question(alice_client: Client, alice: User) -> None:
    question = make_question(author=alice, tags="pytorch")
    response = alice_client.post(reverse("posts:post-delete", kwargs={"post_id": question.pk}))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.is_deleted
    assert Tag.objects.get(name="pytorch").usage_count == 0
    alice_client.post(reverse("posts:post-undelete", kwargs={"post_id": question.pk}))
    question.refresh_from_db()
    assert not question.is_deleted
    assert Tag.objects.get(name="pytorch").usage_count == 1


def test_other_user_cannot_delete(bob_client: Client, alice: User) -> None:
    question = make_question(author=alice)
    response = bob_client.post(reverse("posts:post-delete", kwargs={"post_id": question.pk}))
    assert response.status_code == 403
    question.refresh_from_db()
    assert not question.is_deleted


def test_anonymous_cannot_delete(client: Client, alice: User) -> None:
    question = make_question(author=alice)
    client.post(reverse("posts:post-delete", kwargs={"post_id": question.pk}))
    question.refresh_from_db()
    assert not question.is_deleted


def test_deleting_an_answer_updates_the_count_and_hides_it(
    bob_client: Client, client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=bob, body="soon gone")
    bob_client.post(reverse("posts:post-delete", kwargs={"post_id": answer.pk}))
    question.refresh_from_db()
    assert question.answer_count == 0
    assert "soon gone" not in client.get(question.get_absolute_url()).content.decode()
    assert "soon gone" in bob_client.get(question.get_absolute_url()).content.decode()
