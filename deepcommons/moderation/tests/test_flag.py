from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from deepcommons.accounts.models import TrustLevel, User
from deepcommons.moderation.models import (
    AuditAction,
    AuditEntry,
    Flag,
    FlaggerRecord,
    Queue,
    ReviewItem,
)
from deepcommons.moderation.services import flag, resolve_flags
from deepcommons.moderation.tests.factories import make_moderator, make_trusted
from deepcommons.posts import services as posts
from deepcommons.posts.tests.factories import make_answer, make_comment, make_question
from deepcommons.social.services import start_conversation

pytestmark = pytest.mark.django_db


def test_member_flags_a_post_with_a_reason(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    new = flag(flagger=alice, target=question, reason="off_topic")
    assert new.post == question and new.is_open
    assert new.snapshot == question.body


def test_unknown_reason_is_refused(alice: User, bob: User) -> None:
    with pytest.raises(ValidationError):
        flag(flagger=alice, target=make_question(author=bob), reason="boring")


def test_cannot_flag_own_post(alice: User) -> None:
    with pytest.raises(ValidationError, match="your own post"):
        flag(flagger=alice, target=make_question(author=alice), reason="spam")


def test_cannot_flag_a_deleted_post(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    posts.delete_post(post=question, by=bob)
    question.refresh_from_db()
    with pytest.raises(ValidationError, match="deleted"):
        flag(flagger=alice, target=question, reason="spam")


def test_one_open_flag_per_member_and_target(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    flag(flagger=alice, target=question, reason="off_topic")
    with pytest.raises(ValidationError, match="already flagged"):
        flag(flagger=alice, target=question, reason="spam")
    assert Flag.objects.count() == 1


def test_attention_flag_needs_text(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    with pytest.raises(ValidationError):
        flag(flagger=alice, target=question, reason="attention")
    assert flag(flagger=alice, target=question, reason="attention", text="Plagiarised").text


def test_duplicate_flag_needs_another_question(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    with pytest.raises(ValidationError):
        flag(flagger=alice, target=question, reason="duplicate")
    with pytest.raises(ValidationError):
        flag(flagger=alice, target=question, reason="duplicate", duplicate_of=question)
    original = make_question(author=bob, title="The original")
    made = flag(flagger=alice, target=question, reason="duplicate", duplicate_of=original)
    assert made.duplicate_of == original


def test_comments_and_users_can_be_flagged(alice: User, bob: User) -> None:
    comment = make_comment(make_question(author=alice), author=bob)
    assert flag(flagger=alice, target=comment, reason="abusive").comment == comment
    assert flag(flagger=alice, target=bob, reason="spam").user == bob
    with pytest.raises(ValidationError):
        flag(flagger=alice, target=alice, reason="spam")


def test_only_participants_flag_a_message(alice: User, bob: User, charlie: User) -> None:
    conversation = start_conversation(starter=bob, recipients=[alice], body="Buy cheap watches")
    message = conversation.messages.get()
    with pytest.raises(PermissionDenied):
        flag(flagger=charlie, target=message, reason="spam")
    with pytest.raises(ValidationError):
        flag(flagger=bob, target=message, reason="spam")
    assert flag(flagger=alice, target=message, reason="spam").message == message


def test_two_trusted_spam_flags_do_not_hide_the_post(bob: User) -> None:
    answer = make_answer(make_question(), author=bob)
    for _n in range(2):
        flag(flagger=make_trusted(TrustLevel.MEMBER), target=answer, reason="spam")
    answer.refresh_from_db()
    assert not answer.is_held


def test_three_trusted_spam_or_abusive_flags_hide_the_post(bob: User) -> None:
    answer = make_answer(make_question(), author=bob)
    for reason in ("spam", "abusive", "spam"):
        flag(flagger=make_trusted(TrustLevel.MEMBER), target=answer, reason=reason)
    answer.refresh_from_db()
    assert answer.is_held
    assert AuditEntry.objects.filter(action=AuditAction.AUTO_HIDE, target_id=answer.pk).exists()
    assert ReviewItem.objects.pending().filter(queue=Queue.HELD, post=answer).exists()


def test_untrusted_flags_do_not_hide_the_post(bob: User) -> None:
    answer = make_answer(make_question(), author=bob)
    for _n in range(4):
        flag(flagger=make_trusted(TrustLevel.BASIC), target=answer, reason="spam")
    answer.refresh_from_db()
    assert not answer.is_held


def test_moderator_flags_count_as_trusted(bob: User) -> None:
    answer = make_answer(make_question(), author=bob)
    for _n in range(3):
        flag(flagger=make_moderator(), target=answer, reason="spam")
    answer.refresh_from_db()
    assert answer.is_held


@override_settings(MODERATION_FLAGS_TO_HIDE=1)
def test_hide_threshold_is_a_setting(bob: User) -> None:
    answer = make_answer(make_question(), author=bob)
    flag(flagger=make_trusted(TrustLevel.MEMBER), target=answer, reason="spam")
    answer.refresh_from_db()
    assert answer.is_held


def test_off_topic_flags_never_hide(bob: User) -> None:
    answer = make_answer(make_question(), author=bob)
    for _n in range(3):
        flag(flagger=make_trusted(TrustLevel.REGULAR), target=answer, reason="off_topic")
    answer.refresh_from_db()
    assert not answer.is_held


def test_helpful_and_declined_counts_follow_the_outcome(alice: User, bob: User) -> None:
    moderator = make_moderator()
    first = flag(flagger=alice, target=make_question(author=bob), reason="spam")
    second = flag(flagger=alice, target=make_question(author=bob), reason="spam")
    third = flag(flagger=alice, target=make_question(author=bob), reason="spam")
    resolve_flags(flags=[first, second], helpful=True, by=moderator)
    resolve_flags(flags=[third], helpful=False, by=moderator)
    record = FlaggerRecord.objects.get(user=alice)
    assert (record.helpful, record.declined) == (2, 1)
    # Handled once only: a second decision changes nothing.
    assert resolve_flags(flags=[third], helpful=True, by=moderator) == 0
    record.refresh_from_db()
    assert (record.helpful, record.declined) == (2, 1)


def test_resolving_a_flag_writes_an_audit_entry(alice: User, bob: User) -> None:
    moderator = make_moderator()
    made = flag(flagger=alice, target=make_question(author=bob), reason="spam")
    resolve_flags(flags=[made], helpful=False, by=moderator, note="Not spam")
    entry = AuditEntry.objects.get(action=AuditAction.FLAG_DECLINED)
    assert entry.actor == moderator and entry.reason == "Not spam"


def test_members_cannot_resolve_flags(alice: User, bob: User, charlie: User) -> None:
    made = flag(flagger=alice, target=make_question(author=bob), reason="spam")
    with pytest.raises(PermissionDenied):
        resolve_flags(flags=[made], helpful=True, by=charlie)


def test_low_quality_flags_put_the_post_in_the_low_quality_queue(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    flag(flagger=alice, target=question, reason="low_quality")
    assert ReviewItem.objects.pending().filter(queue=Queue.LOW_QUALITY, post=question).exists()
