"""Trust levels: promotion from reading and participation, regular lost, leader locked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from deepcommons.accounts.models import TrustLevel, User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts.models import Vote
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.reputation.models import DailyVisit
from deepcommons.reputation.services.trust import (
    compute_trust_levels,
    gather_stats,
    next_level_checks,
)
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _known_tag(db: None) -> None:
    # The factories' questions use this tag; creating one needs reputation.
    Tag.objects.get_or_create(name="pytorch")


def level(user: User) -> int:
    user.refresh_from_db(fields=["trust_level"])
    return user.trust_level


def visits(user: User, days: int, *, topics: int = 1, read: int = 2, start: int = 0) -> None:
    today = timezone.now().date()
    DailyVisit.objects.bulk_create(
        DailyVisit(
            user=user,
            day=today - timedelta(days=start + n),
            topics_entered=topics,
            posts_read=read,
        )
        for n in range(days)
    )


def likes(*, given_by: User, to: User, n: int) -> None:
    for _ in range(n):
        Vote.objects.create(user=given_by, post=make_question(author=to), value=1)


def make_member_ready(user: User, other: User) -> None:
    visits(user, 15, topics=2, read=7)
    likes(given_by=user, to=other, n=1)
    likes(given_by=other, to=user, n=1)
    question = make_question(author=other)
    for _ in range(3):
        make_answer(question, author=user)


def test_a_new_member_who_read_enough_becomes_basic(alice: User) -> None:
    visits(alice, 1, topics=5, read=30)
    compute_trust_levels()
    assert level(alice) == TrustLevel.BASIC


def test_a_new_member_one_post_short_stays_new(alice: User) -> None:
    visits(alice, 1, topics=5, read=29)
    compute_trust_levels()
    assert level(alice) == TrustLevel.NEW


def test_member_needs_likes_given_and_received_and_three_replies(alice: User, bob: User) -> None:
    make_member_ready(alice, bob)
    compute_trust_levels()
    assert level(alice) == TrustLevel.MEMBER


def test_member_without_a_like_received_stays_basic(alice: User, bob: User) -> None:
    make_member_ready(alice, bob)
    Vote.objects.filter(post__author=alice).delete()
    compute_trust_levels()
    assert level(alice) == TrustLevel.BASIC


def test_a_like_on_ones_own_post_is_not_received(alice: User) -> None:
    likes(given_by=alice, to=alice, n=2)
    stats, _topics = gather_stats(user_ids=[alice.pk])
    assert stats[alice.pk].total["likes_given"] == 2
    assert stats[alice.pk].total["likes_received"] == 0


def make_regular_ready(user: User, other: User) -> None:
    make_member_ready(user, other)
    visits(user, 40, topics=3, start=15)
    likes(given_by=user, to=other, n=29)
    likes(given_by=other, to=user, n=19)
    for _ in range(10):
        make_answer(make_question(author=other), author=user)


def test_regular_needs_fifty_recent_days_and_ten_topics_replied(alice: User, bob: User) -> None:
    make_regular_ready(alice, bob)
    compute_trust_levels()
    assert level(alice) == TrustLevel.REGULAR


def test_regular_is_lost_when_visits_fall_out_of_the_window(alice: User, bob: User) -> None:
    make_regular_ready(alice, bob)
    compute_trust_levels()
    assert level(alice) == TrustLevel.REGULAR
    compute_trust_levels(now=timezone.now() + timedelta(days=60))
    assert level(alice) == TrustLevel.MEMBER


def test_a_suspension_in_the_window_costs_regular(alice: User, bob: User) -> None:
    make_regular_ready(alice, bob)
    compute_trust_levels()
    User.objects.filter(pk=alice.pk).update(suspended_until=timezone.now() - timedelta(days=3))
    compute_trust_levels()
    assert level(alice) == TrustLevel.MEMBER


def test_basic_and_member_are_never_lost(alice: User, bob: User) -> None:
    User.objects.filter(pk__in=[alice.pk, bob.pk]).update(trust_level=TrustLevel.MEMBER)
    User.objects.filter(pk=bob.pk).update(trust_level=TrustLevel.BASIC)
    compute_trust_levels()
    assert (level(alice), level(bob)) == (TrustLevel.MEMBER, TrustLevel.BASIC)


def test_regular_needs_a_quarter_of_recent_topics_entered(alice: User, bob: User) -> None:
    make_regular_ready(alice, bob)
    # Alice entered 20 topics; 61 + 30 were created in the window: she needs 23.
    DailyVisit.objects.filter(user=alice).update(topics_entered=0)
    DailyVisit.objects.filter(pk=DailyVisit.objects.filter(user=alice).first().pk).update(
        topics_entered=20
    )
    for _ in range(30):
        make_question(author=bob)
    compute_trust_levels()
    assert level(alice) == TrustLevel.MEMBER
    assert next_level_checks(User.objects.get(pk=alice.pk))[1][2].need == 23


def test_a_locked_level_is_never_recomputed(alice: User) -> None:
    User.objects.filter(pk=alice.pk).update(trust_level=TrustLevel.LEADER, trust_level_locked=True)
    compute_trust_levels()
    assert level(alice) == TrustLevel.LEADER
    User.objects.filter(pk=alice.pk).update(trust_level=TrustLevel.REGULAR)
    compute_trust_levels()
    assert level(alice) == TrustLevel.REGULAR


def test_leader_is_never_reached_by_computing(alice: User, bob: User) -> None:
    make_regular_ready(alice, bob)
    for _ in range(3):
        compute_trust_levels()
    assert level(alice) == TrustLevel.REGULAR


def test_the_nightly_run_costs_the_same_queries_for_more_members(
    django_assert_max_num_queries: object, alice: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            compute_trust_levels()
        return len(ctx.captured_queries)

    visits(alice, 1, topics=5, read=30)
    few = count()
    for user in UserFactory.create_batch(20):
        visits(user, 1, topics=5, read=30)
    assert count() == few


def test_the_command_computes_levels_and_can_queue_the_task(alice: User) -> None:
    from io import StringIO

    visits(alice, 1, topics=5, read=30)
    out = StringIO()
    call_command("reputation", "trust", stdout=out)
    assert "1 to level 1" in out.getvalue()
    assert level(alice) == TrustLevel.BASIC
    User.objects.filter(pk=alice.pk).update(trust_level=TrustLevel.NEW)
    # Under pytest tasks run at once, so the queued run has already moved her.
    call_command("reputation", "trust", "--queue", stdout=out)
    assert level(alice) == TrustLevel.BASIC


def test_next_level_checks_list_have_and_need(alice: User) -> None:
    visits(alice, 1, topics=3, read=40)
    target, checks = next_level_checks(alice)
    assert target == TrustLevel.BASIC
    assert [(c.have, c.need, c.done) for c in checks] == [
        (1, 1, True),
        (3, 5, False),
        (40, 30, True),
    ]


def test_a_regular_has_no_next_level(alice: User) -> None:
    alice.trust_level = TrustLevel.REGULAR
    assert next_level_checks(alice) == (None, [])
