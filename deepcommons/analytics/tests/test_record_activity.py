from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.analytics.models import ActivityEvent, ActivityKind
from deepcommons.analytics.services import record_activity


def test_records_who_did_what_to_whom_and_on_which_object(alice: User, bob: User) -> None:
    event = record_activity(user=alice, kind=ActivityKind.FOLLOW, target_user=bob, obj=bob)
    assert event is not None
    stored = ActivityEvent.objects.get()
    assert (stored.user, stored.kind, stored.target_user) == (alice, "follow", bob)
    assert (stored.object_type, stored.object_id) == ("accounts.user", bob.pk)
    assert stored.value == 1.0
    assert timezone.now() - stored.occurred_at < timedelta(seconds=5)


def test_keeps_a_given_time_and_value(alice: User) -> None:
    when = timezone.now() - timedelta(days=3)
    record_activity(user=alice, kind=ActivityKind.POST, value=5, occurred_at=when)
    stored = ActivityEvent.objects.get()
    assert stored.occurred_at == when and stored.value == 5


def test_anonymous_people_are_not_recorded(db: None) -> None:
    assert record_activity(user=AnonymousUser(), kind=ActivityKind.SEARCH) is None
    assert not ActivityEvent.objects.exists()


def test_an_unknown_kind_is_a_value_error(alice: User) -> None:
    with pytest.raises(ValueError, match="unknown activity kind 'page_view'"):
        record_activity(user=alice, kind="page_view")


def test_deleting_a_user_deletes_their_events_and_clears_them_as_target(
    alice: User, bob: User
) -> None:
    record_activity(user=alice, kind=ActivityKind.MESSAGE, target_user=bob)
    record_activity(user=bob, kind=ActivityKind.VISIT)
    bob.delete()
    assert ActivityEvent.objects.get().target_user is None
    alice.delete()
    assert not ActivityEvent.objects.exists()


def test_a_persons_activity_is_part_of_their_data_export(alice: User, bob: User) -> None:
    from deepcommons.accounts.services import export_account_data

    record_activity(user=alice, kind=ActivityKind.FOLLOW, target_user=bob, obj=bob)
    record_activity(user=bob, kind=ActivityKind.VISIT)
    exported = export_account_data(user=alice)["activity"]
    assert [row["kind"] for row in exported] == ["follow"]
    assert exported[0]["object_type"] == "accounts.user"
