from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
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


def _table_block(doc: str, header: str) -> list[str]:
    """The indented lines of `doc` from the one starting with `header` to the next blank."""
    lines = doc.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    block: list[str] = []
    for line in lines[start:]:
        if not line.strip():
            break
        block.append(line)
    return block


def test_the_module_table_lists_every_published_event() -> None:
    """posts/hooks.py is the one place that says who hears what: an event a
    service publishes must have its rows there, and the table no ghost rows."""
    root = Path(hooks.__file__).parent.parent
    published: set[str] = set()
    for source in root.rglob("*.py"):
        if "tests" not in source.parts:
            published |= set(re.findall(r'\bpublish\(\s*"([a-z-]+)"', source.read_text()))
    doc = hooks.__doc__ or ""
    described = set(re.findall(r'^  "([a-z-]+)"', doc, flags=re.MULTILINE))
    matrix = {line.split()[0] for line in _table_block(doc, "  event  ")[2:]}
    assert "unaccepted" in published and "uncommented" in published
    assert described == published
    assert matrix == published
    ledger = {line.split()[0] for line in _table_block(doc, "  event      ledger")[2:]}
    assert ledger <= published


def test_the_module_table_names_every_subscribed_listener() -> None:
    documented = {
        line.split()[1].rstrip(":") for line in _table_block(hooks.__doc__ or "", "  notify ")
    }
    subscribed = {
        f"{listener.__module__}.{listener.__qualname__}".removeprefix("deepcommons.")
        for listener in hooks._listeners
    }
    assert documented == {
        "posts.notify.on_post_event",
        "search.services.on_post_event",
        "search.services.on_question_event",
        "analytics.listeners.on_post_event",
        "moderation.listeners.on_post_event",
    }
    assert subscribed == documented
    in_transaction = {
        line.split()[1].rstrip(":") for line in _table_block(hooks.__doc__ or "", "  ledger ")
    }
    assert in_transaction == {
        f"{listener.__module__}.{listener.__qualname__}".removeprefix("deepcommons.")
        for listener in hooks._in_transaction
    }
    assert in_transaction == {"reputation.listeners.on_post_event"}
