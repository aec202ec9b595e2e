"""The content-spread page: per-post curves and fits, typical posts, simulated reach."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.analytics.models import ActivityEvent
from deepcommons.analytics.models_math import diffusion
from deepcommons.analytics.report import spread as report_spread
from deepcommons.analytics.report.blocks import ReportData
from deepcommons.core.testing import session_queries
from deepcommons.ops.models import Snapshot
from deepcommons.ops.services.recompute import recompute_snapshots
from deepcommons.ops.snapshots import spread
from deepcommons.ops.snapshots.inputs import POST_COLUMNS, Inputs
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_question
from deepcommons.spaces.tests.factories import TagFactory

URL = "/ops/spread/"
#: A page view net of the session's read: user, operator group, snapshot, posts, last run,
#: unread notifications (the header), spaces.
QUERIES = 7

DAY0 = pd.Timestamp("2026-01-01", tz="UTC")
NOW = pd.Timestamp("2026-03-01 12:00", tz="UTC")


# --- fits recovered from generated data (no database) ------------------------------
def synthetic(rows: list[tuple[int, str, pd.Timestamp, int]], population: int) -> Inputs:
    """Inputs whose events are `rows` (user, kind, time, post) on published questions,
    plus visits so that exactly `population` members are active."""
    users = {r[0] for r in rows}
    extra = [u for u in range(100_000, 100_000 + population) if len(users) < population]
    extra = extra[: population - len(users)]
    events = pd.DataFrame(
        {
            "user_id": np.array([r[0] for r in rows] + extra, dtype=np.int64),
            "kind": [r[1] for r in rows] + ["visit"] * len(extra),
            "timestamp": pd.DatetimeIndex([r[2] for r in rows] + [DAY0] * len(extra)),
            "target_user_id": pd.array([None] * (len(rows) + len(extra)), dtype="Int64"),
            "object_type": ["posts.post"] * len(rows) + [""] * len(extra),
            "object_id": pd.array([r[3] for r in rows] + [None] * len(extra), dtype="Int64"),
            "value": 1.0,
        }
    )
    ids = sorted({r[3] for r in rows})
    posts = pd.DataFrame(
        [
            (i, "question", "published", None, 1, 1, DAY0, None, 0, 0, 0, None, None, None)
            for i in ids
        ],
        columns=POST_COLUMNS,
    )
    for column in ("created_at", "deleted_at", "closed_at"):
        posts[column] = pd.to_datetime(posts[column], utc=True)
    for column in ("parent_id", "space_id", "accepted_answer_id", "duplicate_of_id"):
        posts[column] = posts[column].astype("Int64")
    report = ReportData(
        events=events,
        users=pd.DataFrame({"user_id": [1], "username": ["one"]}),
        follow_edges=pd.DataFrame(columns=["follower", "followee"]),
        interaction_edges=pd.DataFrame(columns=["source", "target", "weight"]),
        now=NOW,
    )
    spaces = pd.DataFrame({"space_id": [1], "slug": ["s"], "name_en": ["S"], "name_zh": ["S"]})
    return Inputs(report=report, posts=posts, spaces=spaces)


def test_bass_parameters_are_recovered_from_counts_generated_with_them() -> None:
    """New engaged members per day are m (F(d + 1) − F(d)) rounded to whole members:
    p, q and m come back within 3 %."""
    p, q, m = 0.03, 0.4, 1000
    new = np.round(np.diff(m * diffusion.bass_cdf(np.arange(0, 41), p, q))).astype(int)
    rows, user = [], 0
    for day, count in enumerate(new):
        for _ in range(count):
            rows.append((user, "vote", DAY0 + pd.Timedelta(days=day, hours=10), 1))
            user += 1
    data = spread.compute(synthetic(rows, 5000), None)
    (post,) = data["posts"]
    assert post["adopters"] == new.tolist()[: len(post["adopters"])]
    bass = post["fit"]["bass"]
    assert post["fit"]["bass_doubts"] == []
    assert bass["p"] == pytest.approx(p, rel=0.03)
    assert bass["q"] == pytest.approx(q, rel=0.03)
    assert bass["m"] == pytest.approx(new.sum(), rel=0.03)


def test_sir_parameters_are_recovered_from_an_infected_series_generated_with_them() -> None:
    """Members engaging on day d = I(d) of an SIR with β = 0.6, γ = 0.2 in 3,000
    members, rounded: β and γ come back within 5 % and R0 within 3 %."""
    beta, gamma, population = 0.6, 0.2, 3000
    infected = np.round(
        diffusion.solve_sir(
            np.arange(0, 41, dtype=float),
            beta=beta,
            gamma=gamma,
            population=population,
            initial_infected=5,
            t0=0,
        ).I
    ).astype(int)
    rows = [
        (j, "comment", DAY0 + pd.Timedelta(days=day, hours=9), 2)
        for day, count in enumerate(infected)
        for j in range(count)
    ]
    data = spread.compute(synthetic(rows, population), None)
    (post,) = data["posts"]
    assert post["active"] == infected.tolist()
    sir = post["fit"]["sir"]
    assert sir["beta"] == pytest.approx(beta, rel=0.05)
    assert sir["gamma"] == pytest.approx(gamma, rel=0.05)
    assert sir["R0"] == pytest.approx(beta / gamma, rel=0.03)


def test_a_post_with_one_engagement_has_its_curve_and_no_fit() -> None:
    data = spread.compute(synthetic([(7, "vote", DAY0 + pd.Timedelta(days=3), 3)], 50), None)
    (post,) = data["posts"]
    assert post["fit"] == {"too_little": True}
    assert post["adopters"] == [0, 0, 0, 1, 0]
    assert post["daily"]["vote"] == [0, 0, 0, 1, 0]


def test_the_typical_curve_is_the_median_share_by_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three posts reach all their members on days 0, 1 and 2: the median share
    is the middle post's curve: half on day 0, all from day 1. (No time for fits.)"""
    monkeypatch.setattr(spread, "FIT_BUDGET_SECONDS", 0.0)
    rows = []
    for post, spread_days in ((1, 1), (2, 2), (3, 3)):
        for user in range(6):
            rows.append(
                (post * 100 + user, "vote", DAY0 + pd.Timedelta(days=user % spread_days), post)
            )
    data = spread.compute(synthetic(rows, 100), None)
    median = data["typical"]["all"]["median"]
    assert median[:4] == pytest.approx([0.5, 1.0, 1.0, 1.0])
    assert data["typical"]["1"]["posts"] == 3
    # Past the fits' time budget nothing more is fitted, and the snapshot says so.
    assert data["typical"]["all"]["not_fitted"] and data["typical"]["all"]["bass"] is None
    assert all(post["fit"] == {"too_little": False, "not_fitted": True} for post in data["posts"])


# --- the page ------------------------------------------------------------------------
def add_events(rows: Sequence[tuple[User, str, Post, float]]) -> None:
    now = timezone.now()
    ActivityEvent.objects.bulk_create(
        ActivityEvent(
            user=user,
            kind=kind,
            object_type="posts.post",
            object_id=post.pk,
            target_user=post.author,
            occurred_at=now - timedelta(days=days_ago),
        )
        for user, kind, post, days_ago in rows
    )


def follow(follower: User, followee: User) -> None:
    ActivityEvent.objects.create(user=follower, kind="follow", target_user=followee)


@pytest.fixture
def community(db: None, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    # A week of the typical curve is enough here, and keeps its SIR fit quick.
    monkeypatch.setattr(spread, "TYPICAL_DAYS", 7)
    TagFactory.create(name="vision")
    people = UserFactory.create_batch(8)
    spreading = make_question(title="Why do ViTs need so much data?", tags="vision")
    tiny = make_question(title="A lonely question", tags="vision")
    draft = make_question(title="Not yet", tags="vision")
    Post.objects.filter(pk=draft.pk).update(status="draft")
    back = timezone.now() - timedelta(days=6)
    Post.objects.filter(pk__in=[spreading.pk, tiny.pk]).update(created_at=back)
    rows = [(u, "vote", spreading, 6 - i % 3) for i, u in enumerate(people[:6])]
    rows += [(people[0], "comment", spreading, 4), (people[7], "vote", tiny, 2)]
    add_events(rows)
    star = people[0]
    for fan in people[1:4]:
        follow(fan, star)
    follow(people[4], people[1])
    return {"spreading": spreading, "tiny": tiny, "draft": draft, "star": star, "people": people}


def computed() -> dict[str, Any]:
    recompute_snapshots(names=["spread"])
    snapshot = Snapshot.objects.for_page("spread", "")
    assert snapshot is not None
    return snapshot.data


@pytest.mark.parametrize("who", ["anonymous", "member", "moderator"])
def test_the_page_is_not_found_for_everyone_but_operators(
    who: str, role_clients: dict[str, Client | None]
) -> None:
    client = role_clients[who] or Client()
    assert client.get(URL).status_code == 404
    assert client.get("/ops/charts/spread/reach.json").status_code == 404


def test_operators_and_administrators_see_the_page(
    operator_client: Client, admin_client_ops: Client, community: dict[str, Any]
) -> None:
    computed()
    for client in (operator_client, admin_client_ops):
        response = client.get(URL)
        assert response.status_code == 200
        assert "Content spread" in response.content.decode()


def test_without_a_snapshot_or_engagement_the_page_says_why(operator_client: Client) -> None:
    assert "have not been computed yet" in operator_client.get(URL).content.decode()
    computed()
    body = operator_client.get(URL).content.decode()
    assert "no engagement with posts has been recorded" in body


def test_the_top_post_is_shown_with_its_counts(
    operator_client: Client, community: dict[str, Any]
) -> None:
    data = computed()
    spreading = community["spreading"]
    top = data["posts"][0]
    assert top["id"] == spreading.pk and top["people"] == 6 and top["events"] == 7
    assert sum(top["daily"]["vote"]) == 6 and sum(top["daily"]["comment"]) == 1
    # Day 0 is the day it was posted, six days ago; the votes came on days 0, 1 and 2.
    assert top["adopters"][:3] == [2, 2, 2]
    assert top["fit"]["too_little"] is False
    body = operator_client.get(URL).content.decode()
    assert "Why do ViTs need so much data?" in body
    assert "votes, comments" not in body  # the kinds are listed as the snapshot's
    assert "answers, comments, votes, acceptances" in body
    chart = operator_client.get(f"/ops/charts/spread/engagement.json?post={spreading.pk}").json()
    assert [s["name"] for s in chart["series"]][:4] == [
        "answers",
        "comments",
        "votes",
        "acceptances",
    ]


def test_a_post_with_one_engagement_says_too_little_data_beside_its_curve(
    operator_client: Client, community: dict[str, Any]
) -> None:
    computed()
    tiny = community["tiny"]
    body = operator_client.get(f"{URL}?post={tiny.pk}").content.decode()
    assert "Too little data to fit: 1 engaged member." in body
    chart = operator_client.get(f"/ops/charts/spread/bass.json?post={tiny.pk}").json()
    assert not chart["empty"] and chart["series"][0]["data"][4] == 1


@pytest.mark.parametrize("value", ["abc", "-3", "99999999", "1" * 30])
def test_a_bad_post_number_gives_a_message(
    value: str, operator_client: Client, community: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spread, "SIR_POSTS", 0)
    computed()
    response = operator_client.get(URL, {"post": value})
    assert response.status_code == 200
    body = response.content.decode()
    assert "is not a post number" in body or "There is no published post" in body
    assert "Why do ViTs need so much data?" in body  # the top list is still offered


def test_a_draft_or_deleted_post_is_not_shown(
    operator_client: Client, community: dict[str, Any]
) -> None:
    computed()
    for post in (community["draft"], community["tiny"]):
        if post is community["tiny"]:
            Post.objects.filter(pk=post.pk).update(deleted_at=timezone.now())
        body = operator_client.get(URL, {"post": post.pk}).content.decode()
        assert f"There is no published post #{post.pk}" in body
        assert "A lonely question" not in body.split("most-spread posts of the period")[0]


def test_a_post_outside_the_snapshot_is_read_live(
    operator_client: Client, community: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spread, "TOP_POSTS", 1)
    computed()
    tiny = community["tiny"]
    body = operator_client.get(URL, {"post": tiny.pk}).content.decode()
    assert "not among the computed ones" in body
    assert "Too little data to fit: 1 engaged member." in body


def test_reach_is_the_reports_simulation_for_the_most_followed(
    operator_client: Client, community: dict[str, Any]
) -> None:
    data = computed()
    star = community["star"]
    members = data["reach"]["members"]
    assert [m["id"] for m in members] == [star.pk, community["people"][1].pk]
    assert members[0]["followers"] == 3
    from deepcommons.ops.snapshots.inputs import load_inputs

    ((seed, result),) = report_spread.reach_results(load_inputs().report, seeds=[star.pk])
    assert members[0]["reach"] == result.reach.tolist()
    assert members[0]["mean"] == pytest.approx(result.expected_reach)
    assert 1 <= members[0]["low"] <= members[0]["mean"] <= members[0]["high"] <= 5
    body = operator_client.get(URL, {"member": star.pk}).content.decode()
    assert f"A post by {star.username} reaches" in body
    chart = operator_client.get("/ops/charts/spread/reach.json", {"member": star.pk}).json()
    assert sum(chart["series"][0]["data"]) == data["reach"]["runs"]


@pytest.mark.parametrize("value", ["nobody", "0"])
def test_a_member_outside_the_reach_list_gives_a_message(
    value: str, operator_client: Client, community: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spread, "SIR_POSTS", 0)
    computed()
    body = operator_client.get(URL, {"member": value}).content.decode()
    assert "is not one of them" in body
    # A member nobody follows is not offered either.
    lonely = community["people"][7]
    body = operator_client.get(URL, {"member": lonely.pk}).content.decode()
    assert "is not one of them" in body


def test_the_page_reads_a_fixed_number_of_queries(
    operator_client: Client,
    community: dict[str, Any],
    django_assert_num_queries: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spread, "SIR_POSTS", 0)
    computed()
    operator_client.get(URL)
    with django_assert_num_queries(QUERIES + session_queries()):
        operator_client.get(URL, {"post": community["spreading"].pk})
    add_events([(u, "vote", community["tiny"], 1) for u in community["people"][:5]])
    computed()
    with django_assert_num_queries(QUERIES + session_queries()):
        operator_client.get(URL, {"post": community["spreading"].pk})
