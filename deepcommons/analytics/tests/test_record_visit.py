from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from deepcommons.accounts.models import User
from deepcommons.analytics.models import ActivityEvent
from deepcommons.analytics.services import record_visit


def test_the_first_visit_of_the_day_writes_one_row(alice: User) -> None:
    assert record_visit(user=alice) is True
    assert ActivityEvent.objects.filter(user=alice, kind="visit").count() == 1


def test_repeat_visits_the_same_day_are_answered_by_the_cache(
    alice: User, django_assert_num_queries
) -> None:
    record_visit(user=alice)
    with django_assert_num_queries(0):
        assert record_visit(user=alice) is False
        assert record_visit(user=alice) is False
    assert ActivityEvent.objects.filter(user=alice).count() == 1


def test_a_cleared_cache_still_writes_no_second_row(alice: User) -> None:
    record_visit(user=alice)
    cache.clear()
    assert record_visit(user=alice) is False
    assert ActivityEvent.objects.filter(user=alice).count() == 1


def test_each_person_and_each_day_gets_its_own_row(
    alice: User, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = datetime(2025, 3, 1, 23, 50, tzinfo=UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: day)
    assert record_visit(user=alice) and record_visit(user=bob)
    monkeypatch.setattr("django.utils.timezone.now", lambda: day + timedelta(minutes=20))
    assert record_visit(user=alice) is True
    days = sorted(
        e.occurred_at.date().isoformat() for e in ActivityEvent.objects.filter(user=alice)
    )
    assert days == ["2025-03-01", "2025-03-02"]


def test_anonymous_visits_are_not_recorded(db: None) -> None:
    assert record_visit(user=AnonymousUser()) is False
    assert not ActivityEvent.objects.exists()
