from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from deepcommons.accounts.models import User
from deepcommons.posts import hooks, services
from deepcommons.posts.services import PostInput
from deepcommons.posts.tests.factories import make_answer, make_question


@pytest.fixture
def events() -> Iterator[list[tuple[str, int, dict[str, Any]]]]:
    seen: list[tuple[str, int, dict[str, Any]]] = []

    def record(event: str, post: Any, **data: Any) -> None:
        seen.append((event, post.pk, data))

    hooks.subscribe(record)
    yield seen
    hooks._listeners.remove(record)


@pytest.mark.django_db
def test_services_publish_each_change_after_commit(
    events: list, alice: User, bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question(author=alice)
        answer = make_answer(question, author=bob)
        services.vote(post=answer, user=alice, value=1)
        services.accept_answer(answer=answer, by=alice)
        services.add_comment(post=question, author=bob, body="Which optimizer?")
        services.edit_post(
            post=question,
            by=alice,
            data=PostInput(
                title="Why does my loss become NaN at step 3?", body=question.body, tags="pytorch"
            ),
        )
        services.delete_post(post=answer, by=bob)
        services.undelete_post(post=answer, by=bob)
    assert [(event, pk) for event, pk, _data in events] == [
        ("created", question.pk),
        ("created", answer.pk),
        ("voted", answer.pk),
        ("accepted", answer.pk),
        ("commented", question.pk),
        ("edited", question.pk),
        ("deleted", answer.pk),
        ("restored", answer.pk),
    ]
    assert events[2][2] == {"user": alice, "value": 1, "old": 0}


@pytest.mark.django_db
def test_nothing_is_published_when_the_change_rolls_back(events: list, alice: User) -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        make_question(author=alice)
        raise RuntimeError
    assert events == []


@pytest.mark.django_db
def test_a_failing_listener_does_not_stop_the_others(
    events: list, alice: User, django_capture_on_commit_callbacks: Any
) -> None:
    def broken(event: str, post: Any, **data: Any) -> None:
        raise ValueError("boom")

    hooks._listeners.insert(0, broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            make_question(author=alice)
    finally:
        hooks._listeners.remove(broken)
    assert [event for event, _pk, _data in events] == ["created"]
