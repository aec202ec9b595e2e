"""The revision diff page: who sees it, what it marks, and bad input."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Post
from deepcommons.posts.services import PostInput
from deepcommons.posts.tests.factories import make_question

pytestmark = pytest.mark.django_db


def _edited(alice: User) -> Post:
    question = make_question(author=alice, title="Old title", body="keep\n<b>old</b> words")
    services.edit_post(
        post=question,
        by=alice,
        data=PostInput(title="Old title", body="keep\n<b>new</b> words", tags="pytorch"),
    )
    return question


def _url(post: Post, query: str = "?a=1&b=2") -> str:
    return reverse("posts:revision-diff", kwargs={"post_id": post.pk}) + query


def test_anyone_who_can_read_the_post_sees_the_diff(
    client: Client, alice_client: Client, bob_client: Client, alice: User
) -> None:
    question = _edited(alice)
    for viewer in (client, alice_client, bob_client):
        response = viewer.get(_url(question))
        assert response.status_code == 200
        content = response.content.decode()
        assert '<tr class="diff-del">' in content and '<tr class="diff-ins">' in content
        assert "<del>old</del>" in content and "<ins>new</ins>" in content


def test_post_text_is_escaped(alice_client: Client, alice: User) -> None:
    content = alice_client.get(_url(_edited(alice))).content.decode()
    assert "&lt;b&gt;" in content
    assert "<b>new" not in content


def test_bad_revision_numbers_show_the_latest_change(alice_client: Client, alice: User) -> None:
    question = _edited(alice)
    for query in ("", "?a=x&b=2", "?a=1&b=99"):
        response = alice_client.get(_url(question, query))
        assert response.status_code == 200, query
        assert "<ins>new</ins>" in response.content.decode()
