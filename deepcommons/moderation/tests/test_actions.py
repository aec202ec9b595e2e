"""Every moderator action writes one audit entry; refusals are clear."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deepcommons.accounts.models import User
from deepcommons.moderation import services
from deepcommons.moderation.models import AuditAction, AuditEntry
from deepcommons.moderation.tests.factories import make_administrator, make_moderator
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_comment, make_question
from deepcommons.spaces.models import Space

pytestmark = pytest.mark.django_db


def only_entry(action: str) -> AuditEntry:
    return AuditEntry.objects.get(action=action)


def test_close_writes_an_audit_entry(bob: User) -> None:
    moderator = make_moderator()
    question = make_question(author=bob)
    services.close_post(post=question, by=moderator, reason="off-topic")
    entry = only_entry(AuditAction.CLOSE)
    assert entry.actor == moderator and entry.target_id == question.pk
    assert entry.before["closed"] is False and entry.after["closed"] is True


def test_reopen_writes_an_audit_entry(bob: User) -> None:
    moderator = make_moderator()
    question = make_question(author=bob)
    services.close_post(post=question, by=moderator, reason="off-topic")
    services.reopen_post(post=question, by=moderator)
    assert only_entry(AuditAction.REOPEN).after["closed"] is False


def test_close_as_duplicate_of_itself_is_refused(bob: User) -> None:
    question = make_question(author=bob)
    with pytest.raises(ValidationError):
        services.close_post(
            post=question, by=make_moderator(), reason="duplicate", duplicate_of=question
        )


def test_duplicate_cycle_is_refused(bob: User) -> None:
    moderator = make_moderator()
    first, second = make_question(author=bob), make_question(author=bob, title="Second")
    services.close_post(post=first, by=moderator, reason="duplicate", duplicate_of=second)
    with pytest.raises(ValidationError):
        services.close_post(post=second, by=moderator, reason="duplicate", duplicate_of=first)


@pytest.mark.parametrize(
    ("do", "undo", "action", "undo_action", "field"),
    [
        ("lock_post", "unlock_post", AuditAction.LOCK, AuditAction.UNLOCK, "locked"),
        ("pin_post", "unpin_post", AuditAction.PIN, AuditAction.UNPIN, "pinned"),
        ("feature_post", "unfeature_post", AuditAction.FEATURE, AuditAction.UNFEATURE, "featured"),
    ],
)
def test_toggles_write_an_audit_entry_each(
    bob: User, do: str, undo: str, action: str, undo_action: str, field: str
) -> None:
    moderator = make_moderator()
    question = make_question(author=bob)
    getattr(services, do)(post=question, by=moderator)
    assert only_entry(action).after[field] is True
    getattr(services, undo)(post=question, by=moderator)
    assert only_entry(undo_action).after[field] is False


def test_move_writes_an_audit_entry(bob: User) -> None:
    moderator = make_moderator()
    question = make_question(author=bob)
    space = Space.objects.create(slug="vision", name_en="Vision", name_zh="视觉")
    services.move_post(post=question, space=space, by=moderator)
    entry = only_entry(AuditAction.MOVE)
    assert entry.after["space"] == space.pk and entry.after["space_slug"] == "vision"


def test_merge_writes_an_audit_entry_and_refuses_itself(bob: User) -> None:
    moderator = make_moderator()
    source, target = make_question(author=bob), make_question(author=bob, title="Target")
    make_answer(source)
    with pytest.raises(ValidationError):
        services.merge_questions(source=source, target=source, by=moderator)
    services.merge_questions(source=source, target=target, by=moderator)
    entry = only_entry(AuditAction.MERGE)
    assert entry.target_id == source.pk and entry.after["target"] == target.pk
    assert entry.after["answers"] == 1


def test_delete_and_undelete_write_an_audit_entry_each(bob: User) -> None:
    moderator = make_moderator()
    question = make_question(author=bob)
    services.delete_post(post=question, by=moderator, reason="spam")
    assert only_entry(AuditAction.DELETE).reason == "spam"
    services.undelete_post(post=question, by=moderator)
    assert only_entry(AuditAction.UNDELETE).target_id == question.pk


def test_delete_comment_writes_an_audit_entry(bob: User) -> None:
    comment = make_comment(make_question(), author=bob)
    services.delete_comment(comment=comment, by=make_moderator())
    assert only_entry(AuditAction.DELETE_COMMENT).target_id == comment.pk


def test_release_writes_an_audit_entry(bob: User) -> None:
    from deepcommons.posts.services.moderation import hold_post

    question = make_question(author=bob)
    hold_post(post=question, reason="screen")
    services.release_post(post=question, by=make_moderator())
    assert only_entry(AuditAction.RELEASE).after["status"] == "published"


POST_ACTIONS: list[tuple[str, dict[str, Any]]] = [
    ("close_post", {"reason": "off-topic"}),
    ("lock_post", {}),
    ("pin_post", {}),
    ("delete_post", {}),
]


@pytest.mark.parametrize(("name", "extra"), POST_ACTIONS)
def test_members_cannot_take_post_actions(
    charlie: User, bob: User, name: str, extra: dict[str, Any]
) -> None:
    action: Callable[..., Post] = getattr(services, name)
    with pytest.raises(PermissionDenied):
        action(post=make_question(author=bob), by=charlie, **extra)
    assert not AuditEntry.objects.exists()


def test_suspend_sets_the_period_and_reason_and_is_audited(bob: User) -> None:
    moderator = make_moderator()
    services.suspend_user(user=bob, by=moderator, days=7, reason="Repeated insults")
    bob.refresh_from_db()
    assert bob.is_suspended and bob.suspension_reason == "Repeated insults"
    entry = only_entry(AuditAction.SUSPEND)
    assert entry.target_id == bob.pk and entry.after["days"] == 7


def test_suspending_an_administrator_is_refused(bob: User) -> None:
    admin = make_administrator(bob)
    with pytest.raises(ValidationError, match="Administrators"):
        services.suspend_user(user=admin, by=make_moderator(), days=7, reason="No")
    admin.refresh_from_db()
    assert not admin.is_suspended
    assert not AuditEntry.objects.exists()


def test_suspending_yourself_is_refused() -> None:
    moderator = make_moderator()
    with pytest.raises(ValidationError, match="yourself"):
        services.suspend_user(user=moderator, by=moderator, days=1, reason="Test")


def test_suspending_needs_a_reason_and_a_sane_period(bob: User) -> None:
    moderator = make_moderator()
    with pytest.raises(ValidationError):
        services.suspend_user(user=bob, by=moderator, days=7, reason="  ")
    with pytest.raises(ValidationError):
        services.suspend_user(user=bob, by=moderator, days=0, reason="Spam")


def test_members_cannot_suspend(alice: User, bob: User) -> None:
    with pytest.raises(PermissionDenied):
        services.suspend_user(user=bob, by=alice, days=1, reason="Spam")


def test_unsuspend_is_audited(bob: User) -> None:
    moderator = make_moderator()
    services.suspend_user(user=bob, by=moderator, days=None, reason="Spam")
    services.unsuspend_user(user=bob, by=moderator)
    bob.refresh_from_db()
    assert not bob.is_suspended and bob.suspension_reason == ""
    assert only_entry(AuditAction.UNSUSPEND).target_id == bob.pk


def test_silence_and_unsilence_are_audited(bob: User) -> None:
    moderator = make_moderator()
    services.silence_user(user=bob, by=moderator, days=2, reason="Cool off")
    bob.refresh_from_db()
    assert bob.is_silenced and not bob.is_suspended
    assert only_entry(AuditAction.SILENCE).after["days"] == 2
    services.unsilence_user(user=bob, by=moderator)
    bob.refresh_from_db()
    assert not bob.is_silenced
    assert only_entry(AuditAction.UNSILENCE).target_id == bob.pk
