from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from deepcommons.analytics import contribution, frames
from deepcommons.analytics.models_math import activity
from deepcommons.analytics.report import ReportData, members
from deepcommons.analytics.report import member_results as results


def _events(rows: list[tuple[int, str, str, int | None, float]]) -> pd.DataFrame:
    user, kind, stamp, target, value = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "user_id": list(user),
            "kind": list(kind),
            "timestamp": pd.to_datetime(list(stamp), utc=True),
            "target_user_id": pd.array(list(target), dtype="Int64"),
            "object_type": "posts.post",
            "object_id": pd.array([1] * len(rows), dtype="Int64"),
            "value": list(value),
        }
    )


def test_contribution_credits_whoever_earned_it_and_ignores_downvotes() -> None:
    events = _events(
        [
            (1, "post", "2025-01-01", None, 1.0),  # 1 posts a question: +1 to 1
            (2, "answer", "2025-01-02", 1, 1.0),  # 2 answers it: +2 to 2
            (1, "vote", "2025-01-02", 2, 1.0),  # 1 upvotes the answer: +1 to 2
            (3, "vote", "2025-01-03", 2, -1.0),  # 3 downvotes it: nothing
            (1, "accept", "2025-01-04", 2, 1.0),  # 1 accepts it: +3 to 2
            (3, "visit", "2025-01-04", None, 1.0),
            (3, "comment", "2025-01-04", 2, 1.0),
        ]
    )
    rows = contribution.contribution_rows(events)
    assert (rows["value"] >= 0).all()
    assert sorted(rows["source"]) == ["accepted", "answer", "post", "upvote"]
    totals = contribution.contribution_by_user(events)
    assert totals.to_dict() == {1: 1.0, 2: 6.0}
    early = contribution.contribution_by_user(events, until=pd.Timestamp("2025-01-02", tz="UTC"))
    assert early.to_dict() == {1: 1.0, 2: 3.0}


def test_contribution_of_nothing_is_empty() -> None:
    events = _events([(1, "visit", "2025-01-01", None, 1.0)])
    assert contribution.contribution_rows(events).empty
    assert contribution.contribution_rows(events.iloc[0:0]).empty
    assert contribution.contribution_by_user(events).empty


def _demo_like(n_users: int = 30, days: int = 70, seed: int = 3) -> ReportData:
    """Visits, posts, answers, accepts and votes of both signs, as the live log has them."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-01-01", tz="UTC")
    rows: list[tuple[int, str, pd.Timestamp, int | None, float]] = []
    for user in range(1, n_users + 1):
        joined = int(rng.integers(0, days - 10))
        rate = rng.uniform(0.05, 0.6)
        for day in range(joined, days):
            if day != joined and rng.random() > rate:
                continue
            stamp = start + pd.Timedelta(days=day, hours=int(rng.integers(8, 20)))
            rows.append((user, "visit", stamp, None, 1.0))
            other = int(rng.integers(1, n_users + 1))
            roll = rng.random()
            if roll < 0.2:
                rows.append((user, "post", stamp, None, 1.0))
            elif roll < 0.4:
                rows.append((user, "answer", stamp, other, 1.0))
            elif roll < 0.7:
                rows.append((user, "vote", stamp, other, float(rng.choice([1.0, -1.0]))))
            elif roll < 0.8:
                rows.append((user, "accept", stamp, other, 1.0))
    events = pd.DataFrame(rows, columns=["user_id", "kind", "timestamp", "target_user_id", "value"])
    events["target_user_id"] = events["target_user_id"].astype("Int64")
    events["object_type"] = "posts.post"
    events["object_id"] = pd.array([1] * len(events), dtype="Int64")
    events = events[frames.EVENT_COLUMNS].sort_values("timestamp").reset_index(drop=True)
    return ReportData(
        events=events,
        users=pd.DataFrame(
            {"user_id": range(1, n_users + 1), "username": [f"u{i}" for i in range(n_users)]}
        ),
        follow_edges=frames.follow_edges(events),
        interaction_edges=frames.interaction_edges(events),
        now=start + pd.Timedelta(days=days),
    )


@pytest.mark.slow
def test_segments_and_clusters_are_computed_when_votes_are_negative(db: None) -> None:
    data = _demo_like()
    assert (data.events["value"] < 0).any()
    with pytest.raises(ValueError, match="must not be negative"):  # the old input
        activity.rfm(data.events[["user_id", "timestamp", "value"]], data.now)

    # The report's own section functions, as build_sections runs them (the
    # diffusion and network sections are left out: slow, and not about this).
    for name in ("growth_curves", "segments", "clusters", "retention", "churn"):
        body = getattr(members, name)(data)
        assert body is not None, name
    segments = members.segments(data)
    assert any(row.cells[-1] != "0.00" for row in segments.medians.rows)
    table = results.member_rfm(data.events, data.now).table
    assert (table["monetary"] >= 0).all() and table["monetary"].max() > 0
    expected = contribution.contribution_by_user(data.events)
    assert table["monetary"].sum() == pytest.approx(expected.reindex(table.index).fillna(0).sum())
