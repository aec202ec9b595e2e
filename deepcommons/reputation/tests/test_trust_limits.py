"""The new-user limits table and `limits_for`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from deepcommons.accounts.models import TrustLevel, User
from deepcommons.reputation.trust import FIRST_DAY, LIMITS, UNLIMITED, limits_for

pytestmark = pytest.mark.django_db


def aged(user: User, days: int) -> User:
    user.date_joined = timezone.now() - timedelta(days=days)
    return user


def test_a_new_member_on_the_first_day_gets_three_topics_and_ten_replies(alice: User) -> None:
    limits = limits_for(aged(alice, 0))
    assert limits == FIRST_DAY
    assert (limits.topics_per_day, limits.replies_per_day) == (3, 10)


def test_a_new_member_gets_two_links_one_image_and_two_mentions(alice: User) -> None:
    limits = limits_for(aged(alice, 3))
    assert (limits.links_per_post, limits.images_per_post, limits.mentions_per_post) == (2, 1, 2)
    assert limits.topics_per_day == 20


def test_basic_lifts_the_link_and_image_limits(alice: User) -> None:
    alice.trust_level = TrustLevel.BASIC
    limits = limits_for(aged(alice, 0))
    assert limits.links_per_post is None and limits.images_per_post is None
    assert limits.mentions_per_post == 10


def test_limits_only_loosen_as_trust_grows() -> None:
    def room(value: int | None) -> float:
        return float("inf") if value is None else value

    levels = sorted(LIMITS)
    for lower, higher in zip(levels, levels[1:], strict=False):
        for name in ("links_per_post", "images_per_post", "mentions_per_post", "topics_per_day"):
            assert room(getattr(LIMITS[higher], name)) >= room(getattr(LIMITS[lower], name))


def test_staff_have_no_limits(alice: User) -> None:
    alice.is_staff = True
    assert limits_for(aged(alice, 0)) == UNLIMITED
