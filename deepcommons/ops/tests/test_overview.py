"""The overview's figures on a small community whose answers are known by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.analytics.models import ActivityEvent, ActivityKind
from deepcommons.ops.models import Snapshot
from deepcommons.ops.ranges import DateRange
from deepcommons.ops.services import recompute_snapshots
from deepcommons.ops.snapshots.overview import rolling_distinct
from deepcommons.ops.views.overview import metrics
from deepcommons.posts import services as post_services
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_question

pytestmark = pytest.mark.django_db


def _midnight() -> datetime:
    return timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)


def _day(days_ago: int, hours: float = 0.0) -> datetime:
    """A minute after midnight UTC `days_ago` days back, plus `hours`."""
    return _midnight() - timedelta(days=days_ago) + timedelta(minutes=1, hours=hours)


def _member(name: str, joined_days_ago: int) -> User:
    user = UserFactory.create(username=name)
    User.objects.filter(pk=user.pk).update(date_joined=_day(joined_days_ago))
    return user


def _visit(user: User, *days_ago: int) -> None:
    for days in days_ago:
        ActivityEvent.objects.create(user=user, kind=ActivityKind.VISIT, occurred_at=_day(days))


def _backdate(post: Post, days_ago: int, hours: float = 0.0) -> None:
    Post.objects.filter(pk=post.pk).update(created_at=_day(days_ago, hours))


@pytest.fixture
def community() -> dict[str, User]:
    u1, u2, u3 = _member("u1", 10), _member("u2", 5), _member("u3", 2)
    _visit(u1, 10, 9, 3, 2)
    _visit(u2, 5, 3)
    _visit(u3, 2)
    q1 = make_question(author=u1, title="How do I freeze BatchNorm layers?")
    a1 = make_answer(q1, author=u2)
    post_services.accept_answer(answer=a1, by=u1)
    _backdate(q1, 3)
    _backdate(a1, 3, hours=5)
    q2 = make_question(author=u3, title="Why does my loss go to NaN after epoch 3?")
    _backdate(q2, 2)
    q3 = make_question(author=u1, title="Which optimiser for a small ViT?")
    a3 = make_answer(q3, author=u2)
    _backdate(q3, 9)
    _backdate(a3, 9, hours=2)
    # The post hooks logged these posts today; the ranges below end yesterday.
    return {"u1": u1, "u2": u2, "u3": u3}


def _week() -> DateRange:
    today = _midnight().date()
    return DateRange(today - timedelta(days=7), today - timedelta(days=1))


def test_the_figures_of_a_week_match_the_hand_count(community: dict[str, User]) -> None:
    recompute_snapshots(names=["overview"])
    data = Snapshot.objects.for_page("overview").data  # type: ignore[union-attr]
    figures = metrics(data, _week())
    assert figures["registrations"] == 2  # u2 (5 days ago), u3 (2 days ago)
    assert figures["dau"] == pytest.approx(5 / 7)  # 1 + 2 + 2 member-days in 7 days
    assert figures["wau"] == pytest.approx(14 / 7)
    assert figures["mau"] == pytest.approx(14 / 7)
    assert figures["stickiness"] == pytest.approx((5 / 7) / 2)
    assert figures["posts"] == 2
    assert figures["answers"] == 1
    assert figures["questions"] == 2
    assert figures["answer_rate"] == pytest.approx(0.5)
    assert figures["median_first_answer_hours"] == pytest.approx(5.0)
    assert figures["accepted_rate"] == pytest.approx(0.5)


def test_the_previous_week_is_the_seven_days_before(community: dict[str, User]) -> None:
    recompute_snapshots(names=["overview"])
    data = Snapshot.objects.for_page("overview").data  # type: ignore[union-attr]
    figures = metrics(data, _week().previous())
    assert figures["registrations"] == 1  # u1
    assert figures["dau"] == pytest.approx(2 / 7)
    assert figures["posts"] == 1
    assert figures["answers"] == 1
    assert figures["median_first_answer_hours"] == pytest.approx(2.0)
    assert figures["accepted_rate"] == 0.0


def test_rolling_distinct_counts_each_member_once_per_window() -> None:
    users = [1, 1, 1, 2]
    days = [0, 1, 5, 3]
    assert rolling_distinct(users, days, 3, 8).tolist() == [1, 1, 1, 2, 1, 2, 1, 1]  # type: ignore[arg-type]


def test_the_page_shows_the_figures_and_the_change(
    community: dict[str, User], operator_client: Client
) -> None:
    recompute_snapshots(names=["overview"])
    week = _week()
    response = operator_client.get(
        "/ops/", {"start": week.start.isoformat(), "end": week.end.isoformat()}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-metric="registrations"' in html
    figures = {m.key: m for m in response.context["figures"]}
    assert figures["registrations"].value == 2
    assert figures["registrations"].change == pytest.approx(1.0)  # 1 → 2
    assert figures["answers"].change == 0.0


def test_a_space_without_posts_explains_itself(
    community: dict[str, User], operator_client: Client
) -> None:
    from deepcommons.spaces.tests.factories import SpaceFactory

    SpaceFactory.create(slug="empty-space")
    recompute_snapshots(names=["overview"])
    response = operator_client.get("/ops/", {"space": "empty-space"})
    assert response.status_code == 200
    assert "cannot support this page yet" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-13-45"}, "Dates must look like"),
        ({"start": "2999-01-01", "end": "2999-02-01"}, "in the future"),
        ({"start": "1990-01-01"}, "at most"),
        ({"space": "no-such-space"}, "There is no space"),
    ],
)
def test_bad_ranges_and_spaces_give_a_message_not_an_error(
    community: dict[str, User], operator_client: Client, params: dict[str, str], message: str
) -> None:
    recompute_snapshots(names=["overview"])
    response = operator_client.get("/ops/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_reversed_range_is_swapped(community: dict[str, User], operator_client: Client) -> None:
    recompute_snapshots(names=["overview"])
    week = _week()
    response = operator_client.get(
        "/ops/", {"start": week.end.isoformat(), "end": week.start.isoformat()}
    )
    assert "were swapped" in response.content.decode()
    assert response.context["period"].start == week.start
    assert response.context["period"].end == week.end


def test_an_empty_range_before_the_first_day_says_there_is_no_data(
    community: dict[str, User], operator_client: Client
) -> None:
    recompute_snapshots(names=["overview"])
    response = operator_client.get("/ops/", {"start": "2001-01-01", "end": "2001-01-31"})
    assert "There is no data before" in response.content.decode()
    assert date(2001, 1, 1) == response.context["period"].start
