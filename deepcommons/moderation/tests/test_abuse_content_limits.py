from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_question
from deepcommons.spaces.tests.factories import TagFactory

pytestmark = [pytest.mark.real_screens, pytest.mark.django_db]

FIVE_LINKS = "Sources: " + " ".join(f"https://docs{n}.example.org/page" for n in range(5))


def aged(user: User, level: int, days: int = 30) -> User:
    User.objects.filter(pk=user.pk).update(
        trust_level=level, date_joined=timezone.now() - timedelta(days=days)
    )
    user.refresh_from_db()
    return user


def test_new_member_is_refused_five_links_with_the_limit_named(alice: User, bob: User) -> None:
    question = make_question(author=aged(bob, 2))
    with pytest.raises(ValidationError) as caught:
        services.create_child(parent=question, author=aged(alice, 0), body=FIVE_LINKS)
    assert caught.value.messages == [
        "New members may post at most 2 links; you have 5. The limit lifts as you take part."
    ]
    assert not Post.objects.filter(kind=Kind.ANSWER).exists()


def test_the_answer_form_shows_the_refusal_and_keeps_the_text(
    alice_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=aged(bob, 2))
    response = alice_client.post(
        reverse("posts:answer-create", args=[question.pk]), {"body": FIVE_LINKS}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "New members may post at most 2 links; you have 5." in content
    assert "https://docs4.example.org/page" in content


def test_the_api_refuses_with_the_same_message(alice_client: Client, bob: User) -> None:
    question = make_question(author=aged(bob, 2))
    response = alice_client.post(
        f"/api/v1/questions/{question.pk}/answers",
        {"body": FIVE_LINKS},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "at most 2 links; you have 5" in response.json()["message"]


def test_two_links_are_allowed_and_links_in_code_do_not_count(alice: User, bob: User) -> None:
    question = make_question(author=aged(bob, 2))
    body = (
        "Read https://pytorch.org/docs and https://numpy.org/doc first.\n\n"
        "```\nhttps://a.example https://b.example https://c.example\n```"
    )
    answer = services.create_child(parent=question, author=aged(alice, 0), body=body)
    assert answer.pk


def test_new_member_is_refused_two_images(alice: User, bob: User) -> None:
    question = make_question(author=aged(bob, 2))
    body = "![a](/media/a.png) and ![b](/media/b.png)"
    with pytest.raises(ValidationError, match="at most 1 image; you have 2"):
        services.create_child(parent=question, author=aged(alice, 0), body=body)


def test_new_member_is_refused_three_mentions(alice: User, bob: User) -> None:
    UserFactory.create(username="carol")
    UserFactory.create(username="dave")
    question = make_question(author=aged(bob, 2))
    with pytest.raises(ValidationError, match="at most 2 people in a post; you have 3"):
        services.create_child(
            parent=question, author=aged(alice, 0), body="@bob @carol @dave what do you think?"
        )


def test_the_limit_lifts_with_trust(alice: User, bob: User) -> None:
    question = make_question(author=aged(bob, 2))
    answer = services.create_child(parent=question, author=aged(alice, 1), body=FIVE_LINKS)
    assert answer.pk


def test_new_topics_are_screened_too(alice_client: Client, alice: User) -> None:
    aged(alice, 0)
    TagFactory(name="pytorch")
    response = alice_client.post(
        reverse("posts:question-create"),
        {"title": "Where are the docs?", "body": FIVE_LINKS, "tags": "pytorch"},
    )
    assert response.status_code == 400
    assert "at most 2 links; you have 5" in response.content.decode()
