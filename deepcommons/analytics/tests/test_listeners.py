from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.analytics.models import ActivityEvent
from deepcommons.posts import services
from deepcommons.posts.tests.factories import make_answer, make_question


def _log() -> list[tuple[str, str, str | None]]:
    return [
        (e.user.username, e.kind, e.target_user.username if e.target_user else None)
        for e in ActivityEvent.objects.exclude(kind="visit")
        .select_related("user", "target_user")
        .order_by("pk")
    ]


@pytest.mark.django_db
def test_post_changes_are_logged_by_who_acted(
    alice: User, bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question(author=alice)
        answer = make_answer(question, author=bob)
        services.add_comment(post=answer, author=alice, body="Thanks!")
        services.vote(post=answer, user=alice, value=1)
        services.vote(post=answer, user=alice, value=0)  # a retraction is not activity
        services.accept_answer(answer=answer, by=alice)
    assert _log() == [
        ("alice", "post", None),
        ("bob", "answer", "alice"),
        ("alice", "comment", "bob"),
        ("alice", "vote", "bob"),
        ("alice", "accept", "bob"),
    ]


@pytest.mark.django_db
def test_a_member_is_counted_once_a_day_and_anonymous_never(
    alice_client: Client, client: Client, alice: User
) -> None:
    for _ in range(3):
        alice_client.get("/")
    client.get("/")
    assert list(ActivityEvent.objects.values_list("user__username", "kind")) == [("alice", "visit")]
