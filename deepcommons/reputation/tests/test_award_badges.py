"""award_badges: idempotent, counters moved by what was inserted, winners notified."""

from __future__ import annotations

import pytest
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.reputation.models import BadgeAward
from deepcommons.reputation.services.badges import award_badges
from deepcommons.social.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tags(db: None) -> None:
    """The tags the posts use exist already: creating one is a privilege."""
    from deepcommons.spaces.models import Tag as _Tag

    for name in ("pytorch", "cuda"):
        _Tag.objects.get_or_create(name=name)


def counts(user: User) -> tuple[int, int, int]:
    user.refresh_from_db()
    return user.gold_badges, user.silver_badges, user.bronze_badges


def test_awarding_inserts_each_award_once_however_often_it_runs(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    make_answer(question, author=bob)
    first = award_badges()
    assert first == 2  # Student for alice, Teacher for bob
    assert award_badges() == 0
    assert award_badges(badges=["student"]) == 0
    assert set(BadgeAward.objects.values_list("key", flat=True)) == {
        f"student:{alice.pk}",
        f"teacher:{bob.pk}",
    }
    assert counts(alice) == (0, 0, 1) and counts(bob) == (0, 0, 1)


def test_per_post_badges_are_earned_again_for_each_post(alice: User) -> None:
    for _ in range(2):
        Post.objects.filter(pk=make_question(author=alice).pk).update(score=100)
    assert award_badges(badges=["great-question", "good-question", "nice-question"]) == 6
    assert counts(alice) == (2, 2, 2)
    assert award_badges(badges=["great-question"]) == 0
    award = BadgeAward.objects.filter(badge="great-question").first()
    assert award is not None and award.post_id is not None


def test_counters_move_by_exactly_what_was_inserted_when_some_awards_exist(alice: User) -> None:
    make_question(author=alice)
    # An award already there (say, from a run that crashed before counting).
    BadgeAward.objects.create(user=alice, badge="student", key=f"student:{alice.pk}")
    assert award_badges(badges=["student"]) == 0
    assert counts(alice) == (0, 0, 0)


def test_each_winner_is_notified_once_with_a_link_to_the_badge(alice: User) -> None:
    make_question(author=alice)
    award_badges(badges=["student"])
    award_badges(badges=["student"])
    notification = Notification.objects.get(recipient=alice, kind="badge")
    assert notification.data["badge"] == "student"
    assert notification.url == "/badges/student/"


def test_unknown_badges_are_refused() -> None:
    with pytest.raises(ValueError):
        award_badges(badges=["no-such-badge"])


def test_deleted_posts_do_not_earn_badges(alice: User) -> None:
    question = make_question(author=alice)
    Post.objects.filter(pk=question.pk).update(score=10, deleted_at=timezone.now())
    assert award_badges(badges=["nice-question", "student"]) == 0
