from __future__ import annotations

from io import StringIO

import pytest

from deepcommons.accounts.models import User
from deepcommons.moderation.demo import build
from deepcommons.moderation.models import AuditEntry, Flag, FlaggerRecord, ReviewItem
from deepcommons.moderation.tests.factories import make_moderator
from deepcommons.posts.tests.factories import make_question

pytestmark = pytest.mark.django_db


def test_demo_builds_flags_queue_items_and_audit_entries(alice: User, bob: User) -> None:
    make_moderator()
    for n in range(12):
        make_question(author=alice if n % 2 else bob, title=f"Demo question {n}")
    out = StringIO()
    build(out)
    assert Flag.objects.count() == 4
    assert Flag.objects.open().count() == 2
    assert ReviewItem.objects.pending().count() == 7  # six queued, one flagged low quality
    assert AuditEntry.objects.count() == 2
    assert FlaggerRecord.objects.exists()
    build(out)  # a second run adds nothing
    assert Flag.objects.count() == 4
    assert "already there" in out.getvalue()
