"""The trust part of the profile (own only), staff's level form, and the privileges page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import TrustLevel, User
from deepcommons.reputation.models import DailyVisit

pytestmark = pytest.mark.django_db


def profile_url(user: User) -> str:
    return user.get_absolute_url()


def test_the_member_sees_their_level_and_what_the_next_needs(
    alice_client: Client, alice: User
) -> None:
    from django.utils import timezone

    DailyVisit.objects.create(user=alice, day=timezone.now().date(), topics_entered=3)
    html = alice_client.get(profile_url(alice)).content.decode()
    assert "Your trust level: <strong>new</strong>" in html
    assert "To reach <strong>basic</strong>" in html
    assert "topics entered: 3 of 5" in html
    assert reverse("reputation:privilege-list") in html


def test_another_member_does_not_see_the_checklist(bob_client: Client, alice: User) -> None:
    html = bob_client.get(profile_url(alice)).content.decode()
    assert "To reach" not in html and "Trust level" not in html


def test_anonymous_visitors_do_not_see_the_checklist(client: Client, alice: User) -> None:
    assert "To reach" not in client.get(profile_url(alice)).content.decode()


def staff(user: User) -> User:
    User.objects.filter(pk=user.pk).update(is_staff=True)
    return user


def test_staff_set_a_leader_by_hand(client: Client, alice: User, charlie: User) -> None:
    client.force_login(staff(charlie))
    html = client.get(profile_url(alice)).content.decode()
    assert reverse("reputation:trust-level-set", args=[alice.username]) in html
    url = reverse("reputation:trust-level-set", args=[alice.username])
    response = client.post(url, {"level": "4", "locked": "on"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.trust_level, alice.trust_level_locked) == (TrustLevel.LEADER, True)


def test_an_unlocked_leader_is_refused(client: Client, alice: User, charlie: User) -> None:
    client.force_login(staff(charlie))
    client.post(reverse("reputation:trust-level-set", args=[alice.username]), {"level": "4"})
    alice.refresh_from_db()
    assert alice.trust_level == TrustLevel.NEW


def test_a_member_cannot_set_levels(bob_client: Client, alice: User) -> None:
    url = reverse("reputation:trust-level-set", args=[alice.username])
    assert bob_client.post(url, {"level": "4", "locked": "on"}).status_code == 403
    alice.refresh_from_db()
    assert alice.trust_level == TrustLevel.NEW


def test_anonymous_cannot_set_levels(client: Client, alice: User) -> None:
    url = reverse("reputation:trust-level-set", args=[alice.username])
    assert client.post(url, {"level": "4", "locked": "on"}).status_code == 302
    alice.refresh_from_db()
    assert alice.trust_level == TrustLevel.NEW


def test_a_nonsense_level_is_refused_without_a_500(
    client: Client, alice: User, charlie: User
) -> None:
    client.force_login(staff(charlie))
    url = reverse("reputation:trust-level-set", args=[alice.username])
    assert client.post(url, {"level": "x", "locked": "on"}).status_code == 302
    alice.refresh_from_db()
    assert alice.trust_level == TrustLevel.NEW


@pytest.fixture
def default_thresholds(settings: Any) -> None:
    # The test settings open every privilege; these tests read the real table.
    settings.REPUTATION_PRIVILEGES = {}


@pytest.mark.usefixtures("default_thresholds")
def test_the_privileges_page_lists_every_threshold(client: Client) -> None:
    html = client.get(reverse("reputation:privilege-list")).content.decode()
    assert "Vote up" in html and "10,000" in html and "more needed" not in html


@pytest.mark.usefixtures("default_thresholds")
def test_the_privileges_page_says_what_a_member_holds_and_needs(
    alice_client: Client, alice: User
) -> None:
    User.objects.filter(pk=alice.pk).update(reputation=100)
    html = alice_client.get(reverse("reputation:privilege-list")).content.decode()
    assert "Held" in html
    assert "25 more needed" in html  # downvote at 125
    assert "9,900 more needed" in html or "9900 more needed" in html
