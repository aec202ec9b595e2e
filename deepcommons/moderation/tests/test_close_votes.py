from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction, AuditEntry, CloseVote, Queue, ReviewItem
from deepcommons.moderation.services import cast_close_vote
from deepcommons.moderation.tests.factories import make_moderator, make_trusted
from deepcommons.posts.tests.factories import make_question

pytestmark = pytest.mark.django_db


def voters(n: int) -> list[User]:
    return [make_trusted(reputation=3000) for _n in range(n)]


def test_four_votes_do_not_close_and_the_fifth_does(bob: User) -> None:
    question = make_question(author=bob)
    for voter in voters(4):
        cast_close_vote(post=question, voter=voter, reason="off-topic")
    question.refresh_from_db()
    assert not question.is_closed
    assert ReviewItem.objects.pending().filter(queue=Queue.CLOSE_VOTES, post=question).exists()
    cast_close_vote(post=question, voter=voters(1)[0], reason="needs-details")
    question.refresh_from_db()
    assert question.is_closed and question.close_reason == "off-topic"
    assert AuditEntry.objects.filter(action=AuditAction.CLOSE_VOTE).count() == 5
    close = AuditEntry.objects.get(action=AuditAction.CLOSE)
    assert close.after["via_votes"] is True and len(close.after["voters"]) == 5
    assert not CloseVote.objects.active().exists()
    assert not ReviewItem.objects.pending().filter(queue=Queue.CLOSE_VOTES).exists()


@override_settings(MODERATION_CLOSE_VOTES=2)
def test_threshold_is_a_setting(bob: User) -> None:
    question = make_question(author=bob)
    for voter in voters(2):
        cast_close_vote(post=question, voter=voter, reason="opinion-based")
    question.refresh_from_db()
    assert question.is_closed


def test_one_moderator_vote_closes_and_reopens(bob: User) -> None:
    question = make_question(author=bob)
    moderator = make_moderator()
    cast_close_vote(post=question, voter=moderator, reason="off-topic")
    question.refresh_from_db()
    assert question.is_closed
    cast_close_vote(post=question, voter=moderator, kind="reopen")
    question.refresh_from_db()
    assert not question.is_closed
    assert AuditEntry.objects.filter(action=AuditAction.REOPEN_VOTE).count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.REOPEN).count() == 1


def test_reopen_votes_reopen_at_the_threshold(bob: User) -> None:
    question = make_question(author=bob)
    cast_close_vote(post=question, voter=make_moderator(), reason="off-topic")
    for voter in voters(5):
        cast_close_vote(post=question, voter=voter, kind="reopen")
    question.refresh_from_db()
    assert not question.is_closed


def test_members_without_the_privilege_cannot_vote(alice: User, bob: User) -> None:
    with pytest.raises(PermissionDenied):
        cast_close_vote(post=make_question(author=bob), voter=alice, reason="off-topic")


def test_one_vote_per_member_and_a_known_reason(bob: User) -> None:
    question = make_question(author=bob)
    voter = voters(1)[0]
    with pytest.raises(ValidationError):
        cast_close_vote(post=question, voter=voter, reason="ugly")
    cast_close_vote(post=question, voter=voter, reason="off-topic")
    with pytest.raises(ValidationError):
        cast_close_vote(post=question, voter=voter, reason="off-topic")
