from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction, AuditEntry
from deepcommons.moderation.services import log_action
from deepcommons.posts.tests.factories import make_question

pytestmark = pytest.mark.django_db


def test_log_action_records_target_snapshot_and_json(alice: User, bob: User) -> None:
    question = make_question(author=bob, title="Why is the sky blue?")
    entry = log_action(
        actor=alice,
        action=AuditAction.LOCK,
        target=question,
        reason="heated",
        before={"locked": False},
        after={"locked": True},
    )
    entry.refresh_from_db()
    assert entry.actor == alice
    assert entry.target_type == ContentType.objects.get_for_model(question)
    assert entry.target_id == question.pk
    assert "Why is the sky blue?" in entry.target_repr
    assert entry.before == {"locked": False} and entry.after == {"locked": True}


def test_log_action_snapshot_of_a_user_names_them(alice: User, bob: User) -> None:
    entry = log_action(actor=alice, action=AuditAction.SUSPEND, target=bob)
    assert "@bob" in entry.target_repr


def test_log_action_without_target_or_actor_is_kept(db: None) -> None:
    entry = log_action(actor=None, action=AuditAction.OTHER, target=None, after={"n": 1})
    assert AuditEntry.objects.get() == entry
    assert entry.target_type is None and entry.target_repr == ""


def test_audit_entries_filter_by_actor_action_and_type(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    log_action(actor=alice, action=AuditAction.LOCK, target=question)
    log_action(actor=bob, action=AuditAction.SUSPEND, target=alice)
    rows = AuditEntry.objects.all()
    assert rows.filtered(actor="ALICE").count() == 1
    assert rows.filtered(action=AuditAction.SUSPEND).get().actor == bob
    assert rows.filtered(target_type="posts.post").get().target_id == question.pk
    assert rows.filtered(target_type="accounts.user").get().target_id == alice.pk
