from __future__ import annotations

import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts.models import Kind, Post, Vote, hot_score
from deepcommons.posts.services import vote
from deepcommons.posts.tests.factories import make_answer, make_post, make_question


def test_upvote_then_change_then_retract_keeps_counters_exact(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    assert vote(post=question, user=bob, value=1) == 1
    question.refresh_from_db()
    assert (question.score, question.upvotes, question.downvotes) == (1, 1, 0)
    vote(post=question, user=bob, value=-1)
    question.refresh_from_db()
    assert (question.score, question.upvotes, question.downvotes) == (-1, 0, 1)
    vote(post=question, user=bob, value=0)
    question.refresh_from_db()
    assert (question.score, question.upvotes, question.downvotes) == (0, 0, 0)
    assert not Vote.objects.filter(post=question).exists()


def test_voting_twice_the_same_way_counts_once(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    vote(post=question, user=bob, value=1)
    vote(post=question, user=bob, value=1)
    question.refresh_from_db()
    assert question.score == 1
    assert Vote.objects.filter(post=question).count() == 1


def test_author_cannot_vote_on_own_post(alice: User) -> None:
    question = make_question(author=alice)
    with pytest.raises(PermissionDenied):
        vote(post=question, user=alice, value=1)


def test_articles_take_likes_but_not_downvotes(alice: User, bob: User) -> None:
    article = make_post(Kind.ARTICLE, author=alice, title="Attention", body="Text")
    vote(post=article, user=bob, value=1)
    with pytest.raises(ValidationError):
        vote(post=article, user=bob, value=-1)
    article.refresh_from_db()
    assert article.score == 1


def test_hot_follows_the_score(alice: User, bob: User, charlie: User) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=bob)
    for voter in (alice, charlie):
        vote(post=answer, user=voter, value=1)
    answer.refresh_from_db()
    assert answer.score == 2
    assert answer.hot == pytest.approx(hot_score(2, answer.created_at), abs=1e-6)
    vote(post=answer, user=alice, value=-1)
    vote(post=answer, user=charlie, value=-1)
    answer.refresh_from_db()
    assert answer.hot == pytest.approx(hot_score(-2, answer.created_at), abs=1e-6)


@contextmanager
def _threads_share_a_real_database() -> Iterator[None]:
    """On SQLite, give the threads a file copy of the test database.

    The test database is in memory with a shared cache, where a writer makes
    the others fail at once ("table is locked") instead of waiting. Production
    uses a file, where IMMEDIATE transactions and the busy timeout queue
    writers; the copy reproduces that. PostgreSQL needs nothing.
    """
    if connection.vendor != "sqlite":
        yield
        return
    settings_dict = connections.settings["default"]
    original = settings_dict["NAME"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "votes.sqlite3"
        target = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        settings_dict["NAME"] = str(path)
        try:
            yield
        finally:
            settings_dict["NAME"] = original


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_voters_give_the_exact_score() -> None:
    """Runs on SQLite (writers queue) and on PostgreSQL (row locks and F())."""
    author = UserFactory(username="asker")
    question = make_question(author=author)
    voters = [UserFactory(username=f"voter{i}") for i in range(20)]
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []
    results: dict[str, int] = {}

    def cast(user: User) -> None:
        try:
            barrier.wait()
            vote(post=question, user=user, value=1)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    def read_back() -> None:
        fresh = Post.objects.get(pk=question.pk)
        results.update(
            score=fresh.score,
            upvotes=fresh.upvotes,
            votes=Vote.objects.filter(post_id=question.pk).count(),
        )
        connection.close()

    with _threads_share_a_real_database():
        threads = [threading.Thread(target=cast, args=(user,)) for user in voters]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # Read in a new thread too, so SQLite reads the file copy.
        reader = threading.Thread(target=read_back)
        reader.start()
        reader.join()
    assert errors == []
    assert results == {"score": 20, "upvotes": 20, "votes": 20}
