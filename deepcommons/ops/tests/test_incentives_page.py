"""The incentives page: reputation and badges, members close to a privilege, movers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import session_queries
from deepcommons.ops.models import Snapshot
from deepcommons.ops.services.recompute import recompute_snapshots, space_scope
from deepcommons.ops.snapshots.incentives import near_window
from deepcommons.posts.tests.factories import make_site_moderator
from deepcommons.reputation.models import BadgeAward, Reason, ReputationChange
from deepcommons.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

URL = "/ops/incentives/"
#: A page view, net of the session's read, whatever the community's size.
QUERIES = 6


def member(username: str, reputation: int = 1) -> User:
    user = UserFactory.create(username=username)
    User.objects.filter(pk=user.pk).update(reputation=reputation)
    return user


def gain(user: User, amount: int, *, days_ago: float) -> None:
    ReputationChange.objects.create(
        user=user,
        amount=amount,
        reason=Reason.UPVOTED,
        key=f"test:{user.pk}:{amount}:{days_ago}",
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def incentives() -> dict[str, Any]:
    recompute_snapshots(names=["incentives"])
    snapshot = Snapshot.objects.for_page("incentives")
    assert snapshot is not None
    return snapshot.data


# --- who may see it -------------------------------------------------------------
@pytest.mark.parametrize("who", ["anonymous", "member", "moderator"])
def test_the_page_is_not_found_for_everyone_but_operators(
    who: str, role_clients: dict[str, Client | None]
) -> None:
    client = role_clients[who] or Client()
    assert client.get(URL).status_code == 404
    assert client.get("/ops/charts/incentives/reputation.csv").status_code == 404
    assert client.get("/ops/incentives/near.csv").status_code == 404


def test_operators_and_administrators_see_the_page(
    operator_client: Client, admin_client_ops: Client
) -> None:
    for client in (operator_client, admin_client_ops):
        response = client.get(URL)
        assert response.status_code == 200
        assert "have not been computed yet" in response.content.decode()


# --- distributions ------------------------------------------------------------------
def test_members_fall_into_log_buckets_of_reputation(operator_client: Client) -> None:
    for name, reputation in (("a", 1), ("b", 1), ("c", 7), ("d", 150), ("e", 12_000)):
        member(name, reputation)
    gone = member("gone", 300)
    User.objects.filter(pk=gone.pk).update(is_active=False)

    data = incentives()["reputation"]
    counts = dict(zip(data["edges"], data["counts"], strict=True))
    # The operator from the fixture has reputation 1 too.
    assert counts[1] == 3
    assert counts[5] == 1
    assert counts[100] == 1
    assert counts[10_000] == 1
    assert sum(data["counts"]) == data["members"] == 6

    chart = operator_client.get("/ops/charts/incentives/reputation.json").json()
    assert chart["x"][0] == "up to 1"
    assert chart["x"][6] == "100–199"
    assert chart["x"][-1] == "50,000 or more"


def test_badges_are_counted_per_badge_with_their_class(operator_client: Client) -> None:
    alice, bob = member("alice"), member("bob")
    for user, badge, key in (
        (alice, "teacher", "teacher:a"),
        (bob, "teacher", "teacher:b"),
        (alice, "nice-question", "nice-question:a:1"),
        (alice, "nice-question", "nice-question:a:2"),
    ):
        BadgeAward.objects.create(user=user, badge=badge, key=key)

    data = incentives()["badges"]
    rows = {row["badge"]: row for row in data["badges"]}
    assert rows["teacher"]["awards"] == 2 and rows["teacher"]["holders"] == 2
    assert rows["nice-question"]["awards"] == 2 and rows["nice-question"]["holders"] == 1
    assert sum(data["levels"].values()) == 4

    body = operator_client.get(URL).content.decode()
    assert "Teacher" in body
    assert "No badge has been awarded yet" not in body


def test_a_community_without_badges_says_so(operator_client: Client) -> None:
    incentives()
    body = operator_client.get(URL).content.decode()
    assert "No badge has been awarded yet" in body
    assert "Nobody rose on the leaderboard" in body
    assert "No member is close to a privilege" in body


# --- close to a privilege --------------------------------------------------------------
def test_the_window_is_fifty_points_and_a_tenth_of_the_threshold() -> None:
    assert near_window(15) == 1
    assert near_window(125) == 12
    assert near_window(500) == 50
    assert near_window(10_000) == 50
    assert near_window(0) == 0


@pytest.mark.real_privileges
def test_a_member_twenty_points_below_a_threshold_is_listed(operator_client: Client) -> None:
    member("close", 480)  # create_tags at 500
    member("far", 400)
    member("holder", 520)
    member("almost", 1_995)  # edit_without_review at 2000
    staff = member("mod", 490)
    make_site_moderator("mod2")
    User.objects.filter(pk=staff.pk).update(is_staff=True)

    near = incentives()["near"]
    listed = [(m["username"], m["gap"], m["unlocks"]) for m in near["members"]]
    assert listed == [("almost", 5, ["edit_without_review"]), ("close", 20, ["create_tags"])]
    create_tags = next(p for p in near["privileges"] if p["names"] == ["create_tags"])
    assert create_tags["close"] == 1
    assert create_tags["holders"] == 2  # holder and almost

    body = operator_client.get(URL).content.decode()
    assert 'href="/u/close/"' in body and "Create tags" in body
    csv_lines = operator_client.get("/ops/incentives/near.csv").content.decode("utf-8-sig")
    assert csv_lines.splitlines()[1:] == [
        "almost,1995,5,2000,Edit freely",
        "close,480,20,500,Create tags",
    ]
    assert 'href="/u/far/"' not in body and 'href="/u/mod/"' not in body


# --- leaderboard movement ---------------------------------------------------------------
def test_leaderboard_movement_lists_who_rose_and_fell_most(operator_client: Client) -> None:
    ann, ben, cat, dan = member("ann"), member("ben"), member("cat"), member("dan")
    # The week before: ann 100, ben 50, cat 10. This week: cat 200, ann 20, dan 5.
    gain(ann, 100, days_ago=10)
    gain(ben, 50, days_ago=9)
    gain(cat, 10, days_ago=8)
    gain(cat, 200, days_ago=1)
    gain(ann, 20, days_ago=2)
    gain(dan, 5, days_ago=3)

    movement = incentives()["movement"]
    week = movement["week"]
    assert [(r["username"], r["previous_rank"], r["rank"], r["move"]) for r in week["rose"]] == [
        ("cat", 3, 1, 2),
        ("dan", None, 3, 1),
    ]
    assert [(r["username"], r["previous_rank"], r["rank"], r["move"]) for r in week["fell"]] == [
        ("ben", 2, None, -2),
        ("ann", 1, 2, -1),
    ]
    body = operator_client.get(URL).content.decode()
    assert "new on the board" in body and "left the board" in body
    rows = operator_client.get("/ops/incentives/movers.csv").content.decode("utf-8-sig")
    assert [line.split(",")[:2] for line in rows.splitlines()[1:]] == [
        ["rose", "cat"],
        ["rose", "dan"],
        ["fell", "ben"],
        ["fell", "ann"],
    ]
    assert body.index('href="/u/cat/"') < body.index('href="/u/dan/"')
    assert body.index('href="/u/ben/"') < body.index('href="/u/ann/"')

    # Over 30 days everything is "this period": nobody was ranked before, so
    # everyone is new on the board, in rank order, and nobody fell.
    month = movement["month"]
    assert [(r["username"], r["rank"]) for r in month["rose"]] == [
        ("cat", 1),
        ("ann", 2),
        ("ben", 3),
        ("dan", 4),
    ]
    assert month["fell"] == []
    body = operator_client.get(URL, {"period": "month"}).content.decode()
    assert "Nobody fell on the leaderboard" in body


def test_a_space_shows_the_movement_of_reputation_earned_on_its_posts(
    operator_client: Client,
) -> None:
    space = SpaceFactory.create(slug="audio", name_en="Audio")
    eve, fay = member("eve"), member("fay")
    ReputationChange.objects.create(
        user=eve, amount=30, reason=Reason.UPVOTED, key="s:eve", space=space
    )
    gain(fay, 90, days_ago=1)  # earned elsewhere

    recompute_snapshots(names=["incentives"])
    scoped = Snapshot.objects.for_page("incentives", space_scope("audio"))
    assert scoped is not None
    rose = scoped.data["movement"]["week"]["rose"]
    assert [(r["username"], r["gained"]) for r in rose] == [("eve", 30)]
    assert "reputation" not in scoped.data

    body = operator_client.get(URL, {"space": "audio"}).content.decode()
    assert "belong to the whole community" in body
    assert 'href="/u/eve/"' in body and 'href="/u/fay/"' not in body
    assert "Members by reputation" not in body


@pytest.mark.parametrize("value", ["year", "<b>", "x" * 500])
def test_a_bad_period_gives_a_message_not_an_error(operator_client: Client, value: str) -> None:
    incentives()
    response = operator_client.get(URL, {"period": value})
    assert response.status_code == 200
    body = response.content.decode()
    assert "showing the last 7 days" in body
    assert "<b>" not in body.split('role="alert"')[1][:200]


# --- speed ---------------------------------------------------------------------------------
def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_page_reads_a_fixed_number_of_queries(
    operator_client: Client, django_assert_num_queries: Any
) -> None:
    incentives()
    operator_client.get(URL)  # warm the per-process caches
    few = _queries(operator_client)
    for n in range(8):
        user = member(f"m{n}", 10 * n + 480)
        gain(user, n + 1, days_ago=n % 3)
        BadgeAward.objects.create(user=user, badge="teacher", key=f"teacher:{n}")
    incentives()
    assert _queries(operator_client) == few
    with django_assert_num_queries(QUERIES + session_queries()):
        operator_client.get(URL)
