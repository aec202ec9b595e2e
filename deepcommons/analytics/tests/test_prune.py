from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.analytics.models import ActivityEvent
from deepcommons.analytics.services import prune_activity
from deepcommons.analytics.tests.factories import ActivityEventFactory


def _ages(user: User, *days: int) -> None:
    for age in days:
        ActivityEventFactory(user=user, occurred_at=timezone.now() - timedelta(days=age))


def test_prune_deletes_events_older_than_the_default_730_days(alice: User) -> None:
    _ages(alice, 1, 729, 731, 1000)
    assert prune_activity() == 2
    assert ActivityEvent.objects.count() == 2


def test_prune_follows_the_retention_setting(alice: User, settings) -> None:
    settings.ANALYTICS_RETENTION_DAYS = 30
    _ages(alice, 1, 29, 31)
    assert prune_activity() == 1


def test_prune_deletes_in_batches(alice: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("deepcommons.analytics.services.PRUNE_BATCH", 2)
    _ages(alice, 800, 801, 802, 803, 804, 5)
    assert prune_activity() == 5
    assert ActivityEvent.objects.count() == 1


def test_prune_command_reports_what_it_deleted(alice: User, capsys) -> None:
    _ages(alice, 5, 50)
    call_command("analytics", "prune", "--days", "10")
    assert "Deleted 1 events older than 10 days." in capsys.readouterr().out
    with pytest.raises(CommandError, match="must not be negative"):
        call_command("analytics", "prune", "--days", "-1")
