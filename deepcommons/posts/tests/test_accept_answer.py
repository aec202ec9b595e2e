from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_question


def _url(answer: Post) -> str:
    return reverse("posts:answer-accept", kwargs={"post_id": answer.pk})


def test_asker_accepts_then_changes_then_unaccepts(
    alice_client: Client, alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=alice)
    first = make_answer(question, author=bob)
    second = make_answer(question, author=charlie)
    assert alice_client.post(_url(first)).status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer == first
    alice_client.post(_url(second))
    question.refresh_from_db()
    assert question.accepted_answer == second
    alice_client.post(_url(second))
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_other_users_cannot_accept(bob_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=bob)
    assert bob_client.post(_url(answer)).status_code == 403
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_anonymous_cannot_accept(client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=bob)
    assert client.post(_url(answer)).status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_service_refuses_non_asker(alice: User, bob: User) -> None:
    answer = make_answer(make_question(author=alice), author=bob)
    with pytest.raises(PermissionDenied):
        services.accept_answer(answer=answer, by=bob)
