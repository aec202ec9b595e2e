"""The reputation demo builder: visit streaks, then the badges they and the content earn."""

from __future__ import annotations

import io

import pytest

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts.tests.factories import make_question
from deepcommons.reputation import demo
from deepcommons.reputation.models import BadgeAward, DailyVisit
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


def test_the_demo_awards_streak_and_content_badges_once() -> None:
    Tag.objects.get_or_create(name="pytorch")
    ada, li = UserFactory.create(username="ada_l"), UserFactory.create(username="li_wei")
    make_question(author=ada)
    out = io.StringIO()
    demo.build(out)
    assert "badges awarded" in out.getvalue()
    assert DailyVisit.objects.filter(user=li).count() == 120
    held = set(BadgeAward.objects.values_list("user__username", "badge"))
    assert {("ada_l", "enthusiast"), ("ada_l", "student"), ("li_wei", "fanatic")} <= held
    before = BadgeAward.objects.count()
    demo.build(io.StringIO())
    assert BadgeAward.objects.count() == before
    assert DailyVisit.objects.filter(user=li).count() == 120
