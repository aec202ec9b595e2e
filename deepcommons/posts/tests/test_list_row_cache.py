"""List rows are cached, but a change shows at once to everyone."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.services import PostInput
from deepcommons.posts.tests.factories import make_answer, make_question


@pytest.mark.django_db
def test_votes_answers_edits_and_deletions_show_at_once(
    alice_client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=alice, title="Cached row title")
    assert "Cached row title" in bob_client.get("/questions/?sort=latest").content.decode()

    services.vote(post=question, user=bob, value=1)
    row = bob_client.get("/questions/?sort=latest").content.decode()
    assert "1 vote<" in row

    make_answer(question, author=bob)
    assert "1 answer<" in alice_client.get("/questions/?sort=latest").content.decode()

    services.edit_post(
        post=question,
        by=alice,
        data=PostInput(title="Edited row title", body=question.body, tags="pytorch"),
    )
    page = alice_client.get("/questions/?sort=latest").content.decode()
    assert "Edited row title" in page and "Cached row title" not in page

    services.delete_post(post=question, by=alice)
    assert "Edited row title" not in bob_client.get("/questions/?sort=latest").content.decode()
    assert "is-deleted" in alice_client.get("/questions/?sort=latest").content.decode()


@pytest.mark.django_db
def test_rows_follow_the_viewers_language(alice: User) -> None:
    make_question(author=alice, title="Bilingual row")
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/questions/?sort=latest").content.decode()
    chinese = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/questions/?sort=latest").content.decode()
    assert "answers" in english
    assert "个回答" in chinese or "回答" in chinese
