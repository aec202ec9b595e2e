"""Concurrent awards of one bounty: exactly one succeeds, the others get a clear error."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.posts.tests.test_vote import _threads_share_a_real_database
from deepcommons.reputation.models import Bounty, BountyStatus, ReputationChange
from deepcommons.reputation.services.bounties import award_bounty, offer_bounty
from deepcommons.spaces.models import Tag

THREADS = 8


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_of_one_bounty_pay_exactly_once() -> None:
    """Real threads: row locks on PostgreSQL, queued writers on SQLite."""
    Tag.objects.get_or_create(name="pytorch")
    asker = UserFactory(username="asker")
    User.objects.filter(pk=asker.pk).update(reputation=1000)
    asker.refresh_from_db()
    question = make_question(author=asker)
    answers = [make_answer(question, author=UserFactory()) for _ in range(THREADS)]
    bounty = offer_bounty(question=question, by=asker, amount=100)
    barrier = threading.Barrier(THREADS)
    refusals: list[str] = []
    others: list[BaseException] = []
    results: dict[str, object] = {}

    def award(index: int) -> None:
        try:
            barrier.wait()
            award_bounty(bounty=Bounty(pk=bounty.pk), answer=answers[index], by=asker)
        except ValidationError as exc:
            refusals.extend(exc.messages)
        except BaseException as exc:  # noqa: BLE001 - reported below
            others.append(exc)
        finally:
            connection.close()

    def read_back() -> None:
        fresh = Bounty.objects.get(pk=bounty.pk)
        results.update(
            status=fresh.status,
            paid=ReputationChange.objects.filter(key=f"bounty:{bounty.pk}:award").count(),
        )
        connection.close()

    with _threads_share_a_real_database():
        threads = [threading.Thread(target=award, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        reader = threading.Thread(target=read_back)
        reader.start()
        reader.join()
    # SQLite may refuse a writer outright ("database is locked") instead of
    # queueing it past the busy timeout; that is a refusal too, never a second payment.
    assert all("locked" in str(exc) for exc in others), others
    assert results == {"status": BountyStatus.AWARDED, "paid": 1}
    assert len(refusals) + len(others) == THREADS - 1
    assert all("already been awarded" in message for message in refusals)
