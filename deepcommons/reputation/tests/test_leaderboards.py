"""Leaderboards from the ledger (period, space, tag) and a tag's top answerers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import session_queries
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.reputation.leaderboards import period_start, reputation_leaders, top_answerers
from deepcommons.reputation.models import Reason, ReputationChange
from deepcommons.spaces.models import Space, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tags(db: None) -> None:
    """The tags the posts use exist already: creating one is a privilege."""
    from deepcommons.spaces.models import Tag as _Tag

    for name in ("pytorch", "cuda"):
        _Tag.objects.get_or_create(name=name)


def gain(
    user: User,
    amount: int,
    *,
    post: Post | None = None,
    days_ago: float = 0,
    space: Space | None = None,
) -> ReputationChange:
    return ReputationChange.objects.create(
        user=user,
        amount=amount,
        reason=Reason.UPVOTED,
        key=f"test:{user.pk}:{amount}:{days_ago}",
        post=post,
        space=space or (post.space if post else None),
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def board(**kwargs: Any) -> list[tuple[str, int]]:
    return [(e.user.username, e.value) for e in reputation_leaders(**kwargs)]


def test_periods_start_on_monday_the_first_and_new_year_in_utc() -> None:
    now = datetime(2026, 12, 3, 15, 30, tzinfo=UTC)  # a Thursday
    assert period_start("week", now=now) == datetime(2026, 11, 30, tzinfo=UTC)
    assert period_start("month", now=now) == datetime(2026, 12, 1, tzinfo=UTC)
    assert period_start("year", now=now) == datetime(2026, 1, 1, tzinfo=UTC)
    assert period_start("all", now=now) is None
    with pytest.raises(ValueError):
        period_start("decade", now=now)


@freeze_time("2026-12-03 12:00:00")
def test_the_board_counts_net_gains_in_the_period_only(
    alice: User, bob: User, charlie: User
) -> None:
    gain(alice, 10)
    gain(alice, -2)
    gain(bob, 15, days_ago=1)
    gain(charlie, 100, days_ago=10)  # last month's week, this month
    gain(charlie, -100, days_ago=1)  # and lost it this week: not on the week's board
    assert board(period="week") == [("bob", 15), ("alice", 8)]
    assert board(period="month") == [("bob", 15), ("alice", 8)]
    assert board(period="all") == [("bob", 15), ("alice", 8)]
    gain(charlie, 5, days_ago=20)  # November
    assert board(period="year")[0] == ("bob", 15)
    assert ("charlie", 5) in board(period="year") and ("charlie", 5) not in board(period="month")


def test_the_board_filters_by_space_and_by_tag_through_the_question(alice: User, bob: User) -> None:
    space = Space.objects.create(slug="cv", name_en="Vision", name_zh="视觉")
    question = make_question(author=alice, tags="pytorch", space=space)
    answer = make_answer(question, author=bob)
    other = make_question(author=bob, tags="cuda")
    gain(alice, 10, post=question)
    gain(bob, 20, post=answer, space=space)
    gain(bob, 30, post=other)
    pytorch = Tag.objects.get(name="pytorch")
    assert board(period="all", space_id=space.pk) == [("bob", 20), ("alice", 10)]
    assert board(period="all", tag_id=pytorch.pk) == [("bob", 20), ("alice", 10)]
    assert board(period="all") == [("bob", 50), ("alice", 10)]


def test_top_answerers_rank_by_answer_score_in_the_tag(
    alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=charlie, tags="pytorch")
    for author, score in ((alice, 3), (alice, 4), (bob, 5)):
        Post.objects.filter(pk=make_answer(question, author=author).pk).update(score=score)
    old = make_answer(question, author=bob)
    Post.objects.filter(pk=old.pk).update(score=9, created_at=timezone.now() - timedelta(days=40))
    Post.objects.filter(pk=make_answer(make_question(tags="cuda"), author=charlie).pk).update(
        score=50
    )
    tag = Tag.objects.get(name="pytorch")
    all_time = [(e.user.username, e.value, e.answers) for e in top_answerers(tag_id=tag.pk)]
    recent = [(e.user.username, e.value, e.answers) for e in top_answerers(tag_id=tag.pk, days=30)]
    assert all_time == [("bob", 14, 2), ("alice", 7, 2)]
    assert recent == [("alice", 7, 2), ("bob", 5, 1)]


@pytest.mark.parametrize("who", ["anonymous", "alice", "bob"])
def test_the_leaderboard_page_shows_the_same_board_to_everyone(
    client: Client, alice: User, bob: User, who: str
) -> None:
    gain(alice, 25)
    if who != "anonymous":
        client.force_login(alice if who == "alice" else bob)
    html = client.get("/leaderboards/?period=all").content.decode()
    assert alice.name in html and "+25" in html


def test_bad_filters_fall_back_and_say_so(client: Client, alice: User) -> None:
    gain(alice, 25)
    response = client.get("/leaderboards/?period=decade&space=nope&tag=nope")
    assert response.status_code == 200
    assert response.context["period"] == "week"
    html = response.content.decode()
    assert "There is no space" in html and "There is no tag" in html and "+25" in html


def test_the_top_answerers_page_lists_both_boards(client: Client, alice: User) -> None:
    question = make_question(tags="pytorch")
    Post.objects.filter(pk=make_answer(question, author=alice).pk).update(score=7)
    html = client.get("/tags/pytorch/top-answerers/").content.decode()
    assert html.count(alice.name) >= 2 and "<td>7</td>" in html
    assert client.get("/tags/no-such-tag/top-answerers/").status_code == 404


@pytest.mark.parametrize("signed_in", [False, True])
def test_query_counts_do_not_grow_with_members(
    django_assert_num_queries: Any, client: Client, alice: User, signed_in: bool
) -> None:
    if signed_in:
        client.force_login(alice)
    extra = 2 + session_queries() if signed_in else 0
    question = make_question(tags="pytorch")
    tag = Tag.objects.get(name="pytorch")
    gain(alice, 5, post=question)
    Post.objects.filter(pk=make_answer(question, author=alice).pk).update(score=1)
    client.get("/leaderboards/")
    # The board and its members, the spaces of the filter; the tag filter adds
    # its lookup. Top answerers: the tag, then each board and its members.
    with django_assert_num_queries(3 + extra):
        client.get("/leaderboards/?period=all")
    with django_assert_num_queries(4 + extra):
        client.get(f"/leaderboards/?period=all&tag={tag.name}")
    with django_assert_num_queries(5 + extra):
        client.get("/tags/pytorch/top-answerers/")
    for member in UserFactory.create_batch(10):
        gain(member, 7, post=question)
        Post.objects.filter(pk=make_answer(question, author=member).pk).update(score=2)
    with django_assert_num_queries(3 + extra):
        client.get("/leaderboards/?period=all")
    with django_assert_num_queries(4 + extra):
        client.get(f"/leaderboards/?period=all&tag={tag.name}")
    with django_assert_num_queries(5 + extra):
        client.get("/tags/pytorch/top-answerers/")


def test_deactivated_members_leave_the_board(alice: User, bob: User) -> None:
    gain(alice, 50)
    gain(bob, 10)
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert [(e.rank, e.user.username) for e in reputation_leaders(period="all")] == [(1, "bob")]
