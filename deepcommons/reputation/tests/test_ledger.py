"""The ledger's rules, driven through the posts services as a member would."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from freezegun import freeze_time

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts import services
from deepcommons.posts.models import Kind
from deepcommons.posts.tests.factories import make_answer, make_post, make_question
from deepcommons.reputation.models import Cause, Reason, ReputationChange
from deepcommons.reputation.services import find_differences, recompute_totals

pytestmark = pytest.mark.django_db


def rep(user: User) -> int:
    user.refresh_from_db(fields=["reputation"])
    return user.reputation


def test_upvoting_a_question_gives_its_author_ten(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    services.vote(post=question, user=bob, value=1)
    assert rep(alice) == 11
    row = ReputationChange.objects.get(user=alice)
    assert (row.amount, row.reason, row.post_id, row.actor_id) == (
        10,
        Reason.UPVOTED,
        question.pk,
        bob.pk,
    )
    assert row.space_id == question.space_id


def test_retracting_an_upvote_takes_back_exactly_the_ten(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    services.vote(post=question, user=bob, value=1)
    services.vote(post=question, user=bob, value=0)
    assert rep(alice) == 1
    original, negation = ReputationChange.objects.order_by("pk")
    assert original.reversed and negation.undo_of_id == original.pk
    assert negation.amount == -10 and negation.cause == Cause.UNDONE


def test_downvoting_an_answer_costs_the_voter_one(alice: User, bob: User) -> None:
    answer = make_answer(make_question(author=bob), author=alice)
    services.vote(post=answer, user=bob, value=-1)
    assert (rep(alice), rep(bob)) == (-1, 0)


def test_downvoting_a_question_costs_the_voter_nothing(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    services.vote(post=question, user=bob, value=-1)
    assert (rep(alice), rep(bob)) == (-1, 1)


def test_changing_a_downvote_to_an_upvote_refunds_and_grants(alice: User, bob: User) -> None:
    answer = make_answer(make_question(author=bob), author=alice)
    services.vote(post=answer, user=bob, value=-1)
    services.vote(post=answer, user=bob, value=1)
    assert (rep(alice), rep(bob)) == (11, 1)


def test_a_like_on_an_article_counts_as_an_upvote(alice: User, bob: User) -> None:
    article = make_post(Kind.ARTICLE, author=alice, title="Attention, explained")
    services.vote(post=article, user=bob, value=1)
    assert rep(alice) == 11


def test_votes_stop_earning_at_the_daily_cap_of_200(alice: User) -> None:
    question = make_question(author=alice)
    voters = UserFactory.create_batch(21)
    for voter in voters:
        services.vote(post=question, user=voter, value=1)
    assert rep(alice) == 201
    assert ReputationChange.objects.filter(user=alice).count() == 20


def test_undoing_a_capped_vote_removes_only_what_it_gave(alice: User) -> None:
    """Vote 20 reached the cap with +10, vote 21 gave 0: undoing 21 takes nothing."""
    question = make_question(author=alice)
    voters = UserFactory.create_batch(21)
    for voter in voters:
        services.vote(post=question, user=voter, value=1)
    services.vote(post=question, user=voters[-1], value=0)
    assert rep(alice) == 201
    services.vote(post=question, user=voters[0], value=0)
    assert rep(alice) == 191


def test_the_cap_resets_the_next_utc_day(alice: User) -> None:
    question = make_question(author=alice)
    voters = UserFactory.create_batch(22)
    with freeze_time("2026-12-01 23:00:00"):
        for voter in voters[:21]:
            services.vote(post=question, user=voter, value=1)
    with freeze_time("2026-12-02 00:30:00"):
        services.vote(post=question, user=voters[21], value=1)
    assert rep(alice) == 211


def test_accepts_are_outside_the_cap(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    answer = make_answer(question, author=alice)
    for voter in UserFactory.create_batch(20):
        services.vote(post=answer, user=voter, value=1)
    services.accept_answer(answer=answer, by=bob)
    assert (rep(alice), rep(bob)) == (216, 3)


def test_accepting_gives_fifteen_and_two(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    answer = make_answer(question, author=alice)
    services.accept_answer(answer=answer, by=bob)
    assert (rep(alice), rep(bob)) == (16, 3)


def test_accepting_ones_own_answer_earns_nothing(alice: User) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=alice)
    services.accept_answer(answer=answer, by=alice)
    assert rep(alice) == 1


def test_switching_the_accepted_answer_moves_the_fifteen(
    alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=bob)
    first = make_answer(question, author=alice)
    second = make_answer(question, author=charlie)
    services.accept_answer(answer=first, by=bob)
    question.refresh_from_db()
    services.accept_answer(answer=second, by=bob)
    assert (rep(alice), rep(charlie), rep(bob)) == (1, 16, 3)


def test_unaccepting_takes_back_both_sides(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    answer = make_answer(question, author=alice)
    services.accept_answer(answer=answer, by=bob)
    question.refresh_from_db()
    services.unaccept_answer(question=question, by=bob)
    assert (rep(alice), rep(bob)) == (1, 1)


def test_deleting_a_post_reverses_what_it_earned_and_restoring_returns_it(
    alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=bob)
    answer = make_answer(question, author=alice)
    services.vote(post=answer, user=charlie, value=1)
    services.vote(post=answer, user=bob, value=-1)
    services.accept_answer(answer=answer, by=bob)
    before = (rep(alice), rep(bob), rep(charlie))
    assert before == (1 + 10 - 2 + 15, 1 - 1 + 2, 1)
    services.delete_post(post=answer, by=alice)
    assert (rep(alice), rep(bob), rep(charlie)) == (1, 1, 1)
    services.undelete_post(post=answer, by=alice)
    assert (rep(alice), rep(bob), rep(charlie)) == before
    # And undoing the vote after the restore removes exactly its ten.
    answer.refresh_from_db()
    services.vote(post=answer, user=charlie, value=0)
    assert rep(alice) == before[0] - 10


def test_a_vote_that_fails_leaves_no_ledger_row(alice: User) -> None:
    question = make_question(author=alice)
    with pytest.raises(Exception):  # noqa: B017 - the author cannot vote on their own post
        services.vote(post=question, user=alice, value=1)
    assert not ReputationChange.objects.exists()


def test_recompute_reports_and_fixes_a_drifted_total(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    services.vote(post=question, user=bob, value=1)
    User.objects.filter(pk=alice.pk).update(reputation=500)
    differences = find_differences()
    assert [(d.username, d.cached, d.ledger) for d in differences] == [("alice", 500, 11)]
    with pytest.raises(CommandError):
        call_command("reputation", "recompute", "--check")
    assert rep(alice) == 500
    call_command("reputation", "recompute")
    assert rep(alice) == 11
    assert recompute_totals() == []


def test_ledger_rows_keep_their_time(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    services.vote(post=question, user=bob, value=1)
    row = ReputationChange.objects.get()
    assert abs(row.created_at - timezone.now()) < timedelta(seconds=5)
