"""Count labels agree with their number: "1 answer", "2 answers" (issue 20)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_answer, make_post, make_question
from deepcommons.search.tests.factories import make_indexed, make_indexed_answer

pytestmark = pytest.mark.django_db


def _text(client: Client, url: str, **params: str) -> str:
    """The page as text, tags dropped and spaces squeezed."""
    html = client.get(url, params).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _question(*, answers: int, votes: int, author: User, voters: list[User]) -> Post:
    question = make_question(author=author, title=f"Question {answers}")
    for _ in range(answers):
        make_answer(question, author=voters[0])
    for voter in voters[:votes]:
        services.vote(post=question, user=voter, value=1)
    return question


def test_one_answer_and_one_vote_are_singular_and_two_are_plural(
    charlie_client: Client, alice: User, bob: User, charlie: User
) -> None:
    # A member's pages, as visitors' pages are cached whole for a few seconds.
    client = charlie_client
    one = _question(answers=1, votes=1, author=alice, voters=[bob, charlie])
    list_text = _text(client, reverse("posts:question-list"), sort="latest")
    assert "1 answer " in list_text and "1 vote " in list_text
    assert "1 answers" not in list_text and "1 votes" not in list_text
    assert "1 answer " in _text(client, one.get_absolute_url())

    two = _question(answers=2, votes=2, author=alice, voters=[bob, charlie])
    list_text = _text(client, reverse("posts:question-list"), sort="latest")
    assert "2 answers" in list_text and "2 votes" in list_text
    assert "2 answers" in _text(client, two.get_absolute_url())
    assert "2 answers" in _text(client, reverse("home"))


def test_views_likes_and_replies_follow_their_number(
    bob_client: Client, alice: User, bob: User, charlie: User
) -> None:
    Post.objects.filter(pk=make_question(author=alice).pk).update(view_count=1)
    assert "1 view " in _text(bob_client, reverse("posts:question-list"), sort="latest")

    discussion = make_post(Kind.DISCUSSION, author=alice, title="Optimisers")
    services.create_child(parent=discussion, author=bob, body="Adam.")
    services.vote(post=discussion, user=bob, value=1)
    text = _text(bob_client, reverse("posts:discussion-list"), sort="latest")
    assert "1 reply " in text and "1 like " in text


def test_search_results_count_answers_and_votes_in_the_singular(
    client: Client, alice: User, bob: User
) -> None:
    question = make_indexed(author=alice, title="Label smoothing strength")
    make_indexed_answer(question, author=bob, body="Try 0.1 first.")
    services.vote(post=question, user=bob, value=1)
    text = _text(client, reverse("search:results"), q="smoothing")
    assert "1 answer " in text and "1 vote " in text


def test_chinese_labels_have_one_form(alice: User, bob: User) -> None:
    make_answer(make_question(author=alice, title="中文标签"), author=bob)
    text = _text(Client(HTTP_ACCEPT_LANGUAGE="zh-hans"), reverse("posts:question-list"))
    assert "1 个回答" in text
