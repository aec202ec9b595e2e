"""Bounty rules: offering, awarding by hand, automatic award and expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts import services
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.reputation.models import Bounty, BountyStatus, Reason, ReputationChange
from deepcommons.reputation.services.bounties import (
    award_bounty,
    award_expired_bounties,
    offer_bounty,
)
from deepcommons.social.models import Notification
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _known_tag(db: None) -> None:
    Tag.objects.get_or_create(name="pytorch")


def give(user: User, reputation: int) -> User:
    User.objects.filter(pk=user.pk).update(reputation=reputation)
    user.refresh_from_db()
    return user


def rep(user: User) -> int:
    user.refresh_from_db(fields=["reputation"])
    return user.reputation


def messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


def test_offering_takes_the_amount_from_the_offerer(alice: User) -> None:
    give(alice, 500)
    question = make_question(author=alice)
    bounty = offer_bounty(question=question, by=alice, amount=100)
    assert rep(alice) == 400
    row = ReputationChange.objects.get(key=f"bounty:{bounty.pk}")
    assert (row.amount, row.reason) == (-100, Reason.BOUNTY_OFFERED)
    assert bounty.ends_at - bounty.created_at == timedelta(days=7)


def test_anyone_may_offer_on_someone_elses_question(alice: User, bob: User) -> None:
    give(bob, 300)
    offer_bounty(question=make_question(author=alice), by=bob, amount=50)
    assert rep(bob) == 250


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "between 50 and 500"),
        (-50, "between 50 and 500"),
        (550, "between 50 and 500"),
        (10**30, "between 50 and 500"),
        (75, "multiple of 50"),
        ("100", "whole number"),
        (100.0, "whole number"),
        (True, "whole number"),
    ],
)
def test_bad_amounts_are_refused(alice: User, amount: object, text: str) -> None:
    give(alice, 10_000)
    with pytest.raises(ValidationError) as exc:
        offer_bounty(question=make_question(author=alice), by=alice, amount=amount)  # type: ignore[arg-type]
    assert text in messages(exc)
    assert rep(alice) == 10_000 and not Bounty.objects.exists()


def test_a_bounty_larger_than_the_reputation_held_says_how_much_you_have(alice: User) -> None:
    give(alice, 100)
    with pytest.raises(ValidationError) as exc:
        offer_bounty(question=make_question(author=alice), by=alice, amount=100)
    assert "You have 100 reputation" in messages(exc)
    assert "at most 99" in messages(exc)
    assert rep(alice) == 100


def test_only_one_open_bounty_per_question(alice: User) -> None:
    give(alice, 1000)
    question = make_question(author=alice)
    offer_bounty(question=question, by=alice, amount=50)
    with pytest.raises(ValidationError) as exc:
        offer_bounty(question=question, by=alice, amount=50)
    assert "already has an open bounty" in messages(exc)
    assert rep(alice) == 950


def test_no_bounty_on_an_answer(alice: User, bob: User) -> None:
    give(alice, 1000)
    answer = make_answer(make_question(author=bob), author=bob)
    with pytest.raises(ValidationError, match="questions only"):
        offer_bounty(question=answer, by=alice, amount=50)


def test_no_bounty_on_a_deleted_question(alice: User) -> None:
    give(alice, 1000)
    question = make_question(author=alice)
    services.delete_post(post=question, by=alice)
    with pytest.raises(ValidationError, match="not published"):
        offer_bounty(question=Post.objects.get(pk=question.pk), by=alice, amount=50)


def test_no_bounty_on_a_draft(alice: User) -> None:
    give(alice, 1000)
    question = make_question(author=alice, status="draft")
    with pytest.raises(ValidationError, match="not published"):
        offer_bounty(question=question, by=alice, amount=50)


def test_no_bounty_on_your_own_closed_question(alice: User) -> None:
    give(alice, 1000)
    question = make_question(author=alice)
    question.closed_at = timezone.now()
    with pytest.raises(ValidationError, match="closed"):
        offer_bounty(question=question, by=alice, amount=50)
    assert rep(alice) == 1000


def open_bounty(asker: User, amount: int = 100) -> tuple[Bounty, Post]:
    give(asker, 1000)
    question = make_question(author=asker)
    return offer_bounty(question=question, by=asker, amount=amount), question


def test_the_offerer_awards_an_answer_and_its_author_gains_the_amount(
    alice: User, bob: User
) -> None:
    bounty, question = open_bounty(alice)
    answer = make_answer(question, author=bob)
    award_bounty(bounty=bounty, answer=answer, by=alice)
    bounty.refresh_from_db()
    assert (bounty.status, bounty.awarded_answer_id) == (BountyStatus.AWARDED, answer.pk)
    assert rep(bob) == 101
    assert Notification.objects.filter(recipient=bob, kind="bounty_awarded").count() == 1


def test_a_bounty_award_is_outside_the_daily_cap(alice: User, bob: User) -> None:
    bounty, question = open_bounty(alice, amount=500)
    answer = make_answer(question, author=bob)
    award_bounty(bounty=bounty, answer=answer, by=alice)
    assert rep(bob) == 501


def test_someone_else_cannot_award_the_bounty(alice: User, bob: User, charlie: User) -> None:
    bounty, question = open_bounty(alice)
    answer = make_answer(question, author=bob)
    with pytest.raises(ValidationError, match="Only the member who offered"):
        award_bounty(bounty=bounty, answer=answer, by=charlie)
    assert rep(bob) == 1


def test_the_offerer_cannot_award_their_own_answer(alice: User) -> None:
    bounty, question = open_bounty(alice)
    answer = make_answer(question, author=alice)
    with pytest.raises(ValidationError, match="your own answer"):
        award_bounty(bounty=bounty, answer=answer, by=alice)


def test_an_answer_to_another_question_cannot_be_awarded(alice: User, bob: User) -> None:
    bounty, _question = open_bounty(alice)
    elsewhere = make_answer(make_question(author=bob), author=bob)
    with pytest.raises(ValidationError, match="answer to this question"):
        award_bounty(bounty=bounty, answer=elsewhere, by=alice)


def test_a_bounty_is_awarded_once(alice: User, bob: User, charlie: User) -> None:
    bounty, question = open_bounty(alice)
    first = make_answer(question, author=bob)
    second = make_answer(question, author=charlie)
    award_bounty(bounty=bounty, answer=first, by=alice)
    with pytest.raises(ValidationError, match="already been awarded"):
        award_bounty(bounty=bounty, answer=second, by=alice)
    assert (rep(bob), rep(charlie)) == (101, 1)


def test_the_offerer_may_award_during_the_grace_period(alice: User, bob: User) -> None:
    bounty, question = open_bounty(alice)
    answer = make_answer(question, author=bob)
    later = bounty.ends_at + timedelta(hours=23)
    award_bounty(bounty=bounty, answer=answer, by=alice, now=later)
    assert rep(bob) == 101


def test_after_the_grace_period_the_offerer_can_no_longer_award(alice: User, bob: User) -> None:
    bounty, question = open_bounty(alice)
    answer = make_answer(question, author=bob)
    with pytest.raises(ValidationError, match="ended"):
        award_bounty(bounty=bounty, answer=answer, by=alice, now=bounty.ends_at + timedelta(days=2))


def upvote(answer: Post, times: int) -> None:
    for voter in UserFactory.create_batch(times):
        services.vote(post=answer, user=give(voter, 100), value=1)


def test_after_the_grace_period_the_top_answer_with_score_two_gets_it(
    alice: User, bob: User, charlie: User
) -> None:
    bounty, question = open_bounty(alice)
    low = make_answer(question, author=charlie)
    top = make_answer(question, author=bob)
    upvote(low, 2)
    upvote(top, 3)
    before = rep(bob)
    assert award_expired_bounties(now=bounty.ends_at + timedelta(hours=1)) == {
        "awarded": 0,
        "expired": 0,
    }
    counts = award_expired_bounties(now=bounty.ends_at + timedelta(hours=25))
    assert counts == {"awarded": 1, "expired": 0}
    bounty.refresh_from_db()
    assert bounty.awarded_answer_id == top.pk and bounty.awarded_automatically
    assert rep(bob) == before + 100
    assert Notification.objects.filter(recipient=bob, kind="bounty_awarded").exists()


def test_answers_older_than_the_bounty_do_not_win_it(alice: User, bob: User) -> None:
    give(alice, 1000)
    question = make_question(author=alice)
    old = make_answer(question, author=bob)
    upvote(old, 3)
    bounty = offer_bounty(question=question, by=alice, amount=100)
    counts = award_expired_bounties(now=bounty.ends_at + timedelta(days=2))
    assert counts == {"awarded": 0, "expired": 1}


def test_without_an_answer_scoring_two_the_bounty_expires_and_is_spent(
    alice: User, bob: User
) -> None:
    bounty, question = open_bounty(alice)
    upvote(make_answer(question, author=bob), 1)
    award_expired_bounties(now=bounty.ends_at + timedelta(days=2))
    bounty.refresh_from_db()
    assert bounty.status == BountyStatus.EXPIRED
    assert rep(alice) == 900
    # Settled bounties are not settled again.
    assert award_expired_bounties(now=bounty.ends_at + timedelta(days=3)) == {
        "awarded": 0,
        "expired": 0,
    }


def test_after_expiry_a_new_bounty_may_be_offered(alice: User) -> None:
    bounty, question = open_bounty(alice)
    award_expired_bounties(now=bounty.ends_at + timedelta(days=2))
    offer_bounty(question=question, by=alice, amount=50)
    assert Bounty.objects.filter(question=question).count() == 2


def test_the_nightly_command_settles_ended_bounties(alice: User) -> None:
    from io import StringIO

    from django.core.management import call_command

    bounty, _question = open_bounty(alice)
    Bounty.objects.filter(pk=bounty.pk).update(
        created_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2)
    )
    out = StringIO()
    call_command("reputation", "bounties", stdout=out)
    assert "0 awarded, 1 expired" in out.getvalue()
    bounty.refresh_from_db()
    assert bounty.status == BountyStatus.EXPIRED
    call_command("reputation", "bounties", "--queue", stdout=out)
    assert "Bounties queued." in out.getvalue()
