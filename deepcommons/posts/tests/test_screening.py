"""Screens registered by higher apps refuse or hold new posts, answers and
comments (posts/screening.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts import screening, services
from deepcommons.posts.models import Comment, Post, Status
from deepcommons.posts.screening import Verdict
from deepcommons.posts.tests.factories import make_question, make_site_moderator

pytestmark = pytest.mark.django_db

seen: list[tuple[str, dict[str, Any]]] = []


def spam_screen(*, author: Any, kind: str, data: dict[str, Any]) -> Verdict | None:
    seen.append((kind, data))
    body = data.get("body", "")
    if "BUY NOW" in body:
        return Verdict.refuse("This looks like advertising.")
    if "http://cheap" in body:
        return Verdict.hold("Links to a known spam site")
    return None


@pytest.fixture(autouse=True)
def _screen() -> Iterator[None]:
    seen.clear()
    screening.register_screen(spam_screen)
    yield
    screening.unregister_screen(spam_screen)


def test_screens_see_each_kind_with_its_data(alice: User, bob: User) -> None:
    question = make_question(author=alice, title="A clean question", tags="pytorch")
    services.create_child(parent=question, author=bob, body="A clean answer.")
    services.add_comment(post=question, author=bob, body="A clean comment.")
    assert [kind for kind, _data in seen] == ["question", "answer", "comment"]
    assert seen[0][1]["title"] == "A clean question" and seen[0][1]["tags"] == ["pytorch"]
    assert seen[2][1]["parent"] == question


def test_a_refused_question_is_not_saved_and_the_message_is_on_the_body(alice: User) -> None:
    with pytest.raises(ValidationError) as info:
        make_question(author=alice, body="BUY NOW cheap GPUs")
    assert info.value.message_dict["body"] == ["This looks like advertising."]
    assert Post.objects.count() == 0


def test_a_refused_comment_is_not_saved(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    with pytest.raises(ValidationError, match="advertising"):
        services.add_comment(post=question, author=bob, body="BUY NOW")
    assert Comment.objects.count() == 0


def test_a_held_answer_is_saved_held_and_uncounted(alice: User, bob: User, charlie: User) -> None:
    question = make_question(author=alice)
    answer = services.create_child(parent=question, author=bob, body="See http://cheap.example")
    assert answer.status == Status.HELD and answer.hold_reason == "Links to a known spam site"
    assert Post.objects.get(pk=question.pk).answer_count == 0
    assert answer in Post.objects.visible_to(bob)
    assert answer not in Post.objects.visible_to(charlie)
    assert answer not in Post.objects.visible_to(alice)
    services.release_post(post=answer, by=make_site_moderator())
    assert Post.objects.get(pk=question.pk).answer_count == 1


def test_the_question_form_keeps_the_text_and_shows_the_refusal(alice_client: Any) -> None:
    data = {"title": "Cheap GPUs", "body": "BUY NOW cheap GPUs", "tags": "pytorch"}
    response = alice_client.post(reverse("posts:question-create"), data)
    assert response.status_code == 400
    assert "This looks like advertising." in response.content.decode()
    assert "BUY NOW cheap GPUs" in response.content.decode()


def test_a_held_question_shows_its_author_a_banner_and_others_a_404(
    alice: User, alice_client: Any, bob_client: Any, client: Any
) -> None:
    question = make_question(author=alice, body="Try http://cheap.example today")
    assert question.status == Status.HELD
    page = alice_client.get(question.get_absolute_url())
    assert page.status_code == 200 and "awaiting review" in page.content.decode()
    assert bob_client.get(question.get_absolute_url()).status_code == 404
    assert client.get(question.get_absolute_url()).status_code == 404
    listing = bob_client.get(reverse("posts:question-list"))
    assert question.title not in listing.content.decode()
    mod_client = type(client)()
    mod_client.force_login(make_site_moderator())
    page = mod_client.get(question.get_absolute_url())
    assert page.status_code == 200 and "awaiting review" in page.content.decode()
