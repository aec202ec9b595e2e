"""The re-engagement digest: opt-outs respected, at most one a week, the count confirmed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.ops.models import Snapshot
from deepcommons.ops.services import recompute_snapshots
from deepcommons.ops.services.digest import (
    REENGAGEMENT_KIND,
    send_reengagement,
    week_key,
)
from deepcommons.ops.tests.test_activity_page import build_community
from deepcommons.social.kinds import all_kinds
from deepcommons.social.models import Channel, Notification
from deepcommons.social.services.notifications import set_preferences

pytestmark = pytest.mark.django_db


def _data(name: str, scope: str) -> dict:  # type: ignore[type-arg]
    snapshot = Snapshot.objects.for_page(name, scope)
    assert snapshot is not None
    return snapshot.data


SEND = reverse("ops:churn-reengage")


def test_members_can_turn_the_digest_off(alice: User) -> None:
    assert REENGAGEMENT_KIND in {kind.key for kind in all_kinds()}
    client = Client()
    client.force_login(alice)
    page = client.get(reverse("social:preferences")).content.decode()
    assert REENGAGEMENT_KIND in page


def test_send_skips_opt_outs_and_never_sends_twice_a_week(operator: User) -> None:
    keen, off, gone = (UserFactory.create() for _ in range(3))
    set_preferences(user=off, channels={REENGAGEMENT_KIND: Channel.OFF})
    User.objects.filter(pk=gone.pk).update(is_active=False)

    first = send_reengagement(user_ids=[keen.pk, off.pk, gone.pk], by=operator)

    assert (first.sent, first.opted_out, first.already_sent, first.inactive) == (1, 1, 0, 1)
    sent = Notification.objects.get(kind=REENGAGEMENT_KIND)
    assert sent.recipient_id == keen.pk and sent.dedupe_key == week_key()
    assert not Notification.objects.filter(recipient=off).exists()

    again = send_reengagement(user_ids=[keen.pk, off.pk], by=operator)
    assert (again.sent, again.opted_out, again.already_sent) == (0, 1, 1)
    assert Notification.objects.filter(kind=REENGAGEMENT_KIND).count() == 1

    # A new week may bring one more.
    Notification.objects.filter(pk=sent.pk).update(
        dedupe_key=week_key(timezone.now() - timedelta(days=7))
    )
    assert send_reengagement(user_ids=[keen.pk], by=operator).sent == 1


def test_the_notification_renders(operator: User, alice: User) -> None:
    send_reengagement(user_ids=[alice.pk], by=operator)
    client = Client()
    client.force_login(alice)
    page = client.get(reverse("social:notification-list")).content.decode()
    assert "We have missed you" in page


@pytest.fixture
def community(operator: User) -> list[User]:
    users = build_community(12)
    recompute_snapshots(names=["activity"])
    return users


def test_the_button_sends_to_the_listed_members_and_confirms(
    community: list[User], operator_client: Client
) -> None:
    stored = _data("activity", "")["churn"]["members"][:3]
    opted = User.objects.get(pk=stored[0]["user_id"])
    set_preferences(user=opted, channels={REENGAGEMENT_KIND: Channel.OFF})

    response = operator_client.post(SEND + "?top=3", follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Re-engagement digest sent to 2 members." in page
    assert "Skipped: 1 who turned these digests off, 0 who already got one this week" in page
    got = set(
        Notification.objects.filter(kind=REENGAGEMENT_KIND).values_list("recipient_id", flat=True)
    )
    assert got == {m["user_id"] for m in stored[1:]}

    again = operator_client.post(SEND + "?top=3", follow=True).content.decode()
    assert "Re-engagement digest sent to 0 members." in again
    assert "2 who already got one this week" in again
    assert Notification.objects.filter(kind=REENGAGEMENT_KIND).count() == 2


def test_the_button_is_for_operators_only_and_posts_only(
    community: list[User], role_clients: dict[str, Client | None], operator_client: Client
) -> None:
    for role, client in role_clients.items():
        assert (client or Client()).post(SEND).status_code == 404, role
    assert operator_client.get(SEND).status_code == 405
    assert not Notification.objects.filter(kind=REENGAGEMENT_KIND).exists()


def test_nothing_to_send_says_so(operator_client: Client) -> None:
    response = operator_client.post(SEND + "?space=nowhere&top=x", follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There are no members at churn risk to send the digest to." in page
