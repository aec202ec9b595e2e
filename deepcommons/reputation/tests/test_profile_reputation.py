"""The profile's Reputation tab, its SVG charts, and the figures on member cards."""

from __future__ import annotations

import re
from datetime import UTC, date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.core.testing import session_queries
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.reputation import svg
from deepcommons.reputation.models import BadgeAward, DailyVisit, Reason, ReputationChange
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tags(db: None) -> None:
    for name in ("pytorch", "cuda"):
        Tag.objects.get_or_create(name=name)


def ledger(user: User, amount: int, *, post: Post | None = None, days_ago: int = 0) -> None:
    ReputationChange.objects.create(
        user=user,
        amount=amount,
        reason=Reason.UPVOTED,
        key=f"t:{amount}:{days_ago}",
        post=post,
        created_at=timezone.now() - timedelta(days=days_ago),
    )
    User.objects.filter(pk=user.pk).update(reputation=user.reputation + amount)
    user.refresh_from_db()


def test_the_graph_is_an_accessible_svg_without_style_attributes() -> None:
    days = [(date(2026, 1, 1), 10), (date(2026, 1, 5), -2), (date(2026, 2, 1), 25)]
    out = str(svg.reputation_graph(days))
    assert out.startswith("<svg") and 'role="img"' in out and 'aria-label="' in out
    assert "<title>" in out and "<desc>" in out and "style=" not in out
    assert "went from 1 to 34" in out
    assert "polyline" in out


def test_the_graph_of_a_member_with_no_history_says_so() -> None:
    assert "No reputation changes yet." in str(svg.reputation_graph([]))


def test_the_heatmap_has_a_cell_per_day_of_the_year_with_levels() -> None:
    today = date(2026, 12, 3)
    out = str(
        svg.activity_heatmap(
            visits={today, today - timedelta(days=1)}, posts={today: 5}, today=today
        )
    )
    cells = re.findall(r'class="heat heat-(\d)"', out)
    assert 365 <= len(cells) <= 371
    assert cells[-1] == "4" and cells[-2] == "1" and set(cells[:-2]) == {"0"}
    assert "Active on 2 days in the last year." in out and "style=" not in out


def test_activity_levels_rise_with_posts() -> None:
    assert [
        svg.activity_level(v, n)
        for v, n in ((False, 0), (True, 0), (True, 1), (False, 3), (True, 9))
    ] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("who", ["anonymous", "owner", "other"])
def test_the_tab_shows_graph_ledger_badges_tags_heatmap_and_privileges(
    client: Client, alice: User, bob: User, who: str
) -> None:
    question = make_question(author=bob, tags="pytorch", title="How to shard a model?")
    answer = make_answer(question, author=alice)
    Post.objects.filter(pk=answer.pk).update(score=12)
    ledger(alice, 20, post=answer, days_ago=3)
    ledger(alice, 10, post=answer)
    BadgeAward.objects.create(user=alice, badge="teacher", key=f"teacher:{alice.pk}")
    DailyVisit.objects.create(user=alice, day=timezone.now().astimezone(UTC).date())
    if who != "anonymous":
        client.force_login(alice if who == "owner" else bob)
    response = client.get(f"/u/{alice.username}/reputation/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "31 reputation" in html
    assert 'class="rep-graph"' in html and 'class="heatmap"' in html
    assert "How to shard a model?" in html and "+20" in html
    assert 'href="/badges/teacher/"' in html
    assert 'href="/tags/pytorch/top-answerers/"' in html and "<td>12</td>" in html
    assert "Vote up" in html  # 31 reputation holds the upvote privilege
    assert 'aria-current="page"' in html and "style=" not in html


def test_ledger_rows_on_deleted_posts_give_no_title(client: Client, alice: User) -> None:
    question = make_question(author=alice, title="A removed question")
    ledger(alice, 10, post=question)
    Post.objects.filter(pk=question.pk).update(deleted_at=timezone.now())
    html = client.get(f"/u/{alice.username}/reputation/").content.decode()
    assert "A removed question" not in html and "on a removed post" in html


def test_an_unknown_member_is_a_404_and_a_wrong_case_redirects(client: Client, alice: User) -> None:
    assert client.get("/u/nobody-here/reputation/").status_code == 404
    response = client.get(f"/u/{alice.username.upper()}/reputation/")
    assert response.status_code == 301


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_tab_query_count_does_not_grow_with_history(
    django_assert_num_queries: Any, client: Client, alice: User, bob: User, signed_in: bool
) -> None:
    if signed_in:
        client.force_login(bob)
    # Signed in: the session, the viewer, their unread count, and the follow
    # button's state in the profile header.
    extra = 4 + session_queries() if signed_in else 0
    question = make_question(author=bob, tags="pytorch")
    answer = make_answer(question, author=alice)
    ledger(alice, 10, post=answer)
    BadgeAward.objects.create(user=alice, badge="teacher", key=f"teacher:{alice.pk}")
    url = f"/u/{alice.username}/reputation/"
    client.get(url)
    # The profile and its groups, visits, posts per day, the graph by day,
    # ledger rows, badges, top tags, the moderator check of the privileges,
    # then the header (posts' figures, follower counts).
    with django_assert_num_queries(12 + extra):
        client.get(url)
    for i in range(10):
        other = make_question(author=bob, tags="cuda" if i % 2 else "pytorch")
        ledger(alice, 5, post=make_answer(other, author=alice), days_ago=i)
        BadgeAward.objects.create(
            user=alice, badge="nice-answer", key=f"nice-answer:{alice.pk}:{i}"
        )
        DailyVisit.objects.create(user=alice, day=timezone.now().date() - timedelta(days=i + 1))
    with django_assert_num_queries(12 + extra):
        client.get(url)


def test_member_cards_show_reputation_and_badge_counts_without_queries(
    client: Client, alice: User
) -> None:
    User.objects.filter(pk=alice.pk).update(
        reputation=1234, gold_badges=1, silver_badges=2, bronze_badges=3
    )
    html = client.get("/users/").content.decode()
    assert "1234" in html and "gold badge" in html and "silver badges" in html
    User.objects.filter(pk=alice.pk).update(gold_badges=0)
    html = client.get("/users/").content.decode()
    assert "gold badge" not in html and "bronze badges" in html
