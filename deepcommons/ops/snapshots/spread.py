"""Content spread: per-post daily engagement with Bass and SIR fits, the typical
post of each space, and simulated reach along follows.

A "post" is a thread: a question, discussion, article or tutorial together
with its answers, so a vote on an answer counts for the question it answers.
Engagement is what the activity log records on posts: answers, comments,
votes and acceptances (views are counted per post, not logged per event, and
there is no share event). Day 0 is the day the post was created.

Stored (keys are language-neutral; the page translates):

- `posts`: the `TOP_POSTS` threads with the most engaged members, each with
  its daily counts per kind, new engaged members per day (the differences of
  the cumulative curve between day ends), members engaging per day, and its
  fits (`fit_summary`, within `FIT_BUDGET_SECONDS` for the whole snapshot):
  Bass on every one, SIR on the first `SIR_POSTS`
  (the ODE fit takes 0.5 s on a clean series and up to 5 s on a ragged one);
- `typical`: per space id (and "all"), the median over threads of the
  cumulative engaged members as a share of the thread's total, by day since
  posting (`TYPICAL_DAYS` days; a thread counts on the days it has lived),
  held at its running maximum (the median of the threads old enough can dip),
  with its Bass fit, and the median members engaging per day with its SIR fit;
- `reach`: for the `REACH_MEMBERS` members with the most followers, the
  reach of each of `REACH_RUNS` stochastic SIR runs along follows (the
  report's simulation, `reach_results`; fewer runs on a large graph).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pandas as pd

from deepcommons.analytics.models_math import diffusion
from deepcommons.analytics.models_math.plausibility import FitWarning
from deepcommons.analytics.report import spread as report_spread
from deepcommons.ops.snapshots.inputs import Inputs

NAME = "spread"
PER_SPACE = False

TOP_POSTS = 200
SIR_POSTS = 20
TYPICAL_DAYS = 30
#: A thread needs this many engaged members, with new ones on at least three days
#: (Bass has three parameters), to be fitted. Fits of fewer points are degenerate
#: and can take seconds each.
MIN_FIT_PEOPLE = 5
MIN_FIT_DAYS = 3
#: The fits of one snapshot stop after this long (a ragged series can take
#: seconds to fit); the posts and typical curves left are stored "not_fitted".
FIT_BUDGET_SECONDS = 180.0
#: Threads with fewer engaged members do not count towards the typical curve.
MIN_TYPICAL_PEOPLE = 2
REACH_MEMBERS = 50
REACH_RUNS = 100
#: On a follow graph with more ties than this, a run costs ~0.1 s (100k members,
#: 1M follows), so each member gets `REACH_RUNS_LARGE` runs: 50 × 20 ≈ 100 s.
REACH_LARGE_EDGES = 200_000
REACH_RUNS_LARGE = 20
KINDS = report_spread.ENGAGEMENT_KINDS
TOP_LEVEL = ("question", "discussion", "article", "tutorial")


def _num(value: float) -> float | None:
    value = float(value)
    return round(value, 6) if np.isfinite(value) else None


def _codes(warnings: list[FitWarning]) -> list[str]:
    return sorted({w.code for w in warnings})


def bass_summary(bass: diffusion.BassFit) -> dict[str, Any]:
    return {
        "p": _num(bass.p),
        "q": _num(bass.q),
        "m": _num(bass.m),
        "peak": _num(bass.peak_time),
        "r2": _num(bass.r_squared),
    }


def sir_summary(sir: diffusion.SIRFit) -> dict[str, Any]:
    return {
        "beta": _num(sir.beta),
        "gamma": _num(sir.gamma),
        "R0": _num(sir.R0),
        "peak": _num(sir.peak_time),
        "r2": _num(sir.r_squared),
    }


def too_little(adopters: np.ndarray, active: np.ndarray) -> bool:
    return bool(
        adopters.sum() < MIN_FIT_PEOPLE
        or np.count_nonzero(adopters) < MIN_FIT_DAYS
        or np.count_nonzero(active) < MIN_FIT_DAYS
    )


def fit_summary(
    t: np.ndarray,
    adopters: np.ndarray,
    active: np.ndarray,
    *,
    population: float,
    with_sir: bool = True,
) -> dict[str, Any]:
    """The fits of one curve as plain data: {"too_little": True} when there is too little."""
    if too_little(adopters, active):
        return {"too_little": True}
    if with_sir:
        fit = report_spread.fit_curve(t, adopters, active, population=population)
    else:
        fit = report_spread.fit_curve(t, adopters, np.zeros(0), population=population)
    out: dict[str, Any] = {"too_little": False}
    out["bass"] = bass_summary(fit.bass) if fit.bass is not None else None
    out["bass_doubts"] = _codes(fit.bass_warnings) if fit.bass is not None else ["error"]
    if with_sir:
        out["sir"] = sir_summary(fit.sir) if fit.sir is not None else None
        out["sir_doubts"] = _codes(fit.sir_warnings) if fit.sir is not None else ["error"]
    return out


def threads(inputs: Inputs) -> pd.DataFrame:
    """Engagement rows on live published threads, with `root` (the thread) and its
    `space_id`, `created_at` and `author_id`."""
    posts = inputs.posts
    root = posts["parent_id"].fillna(posts["post_id"]).astype(np.int64)
    roots = posts.assign(root=root.to_numpy())[["post_id", "root"]]
    tops = posts[
        posts["kind"].isin(TOP_LEVEL)
        & posts["parent_id"].isna()
        & posts["deleted_at"].isna()
        & (posts["status"] == "published")
    ][["post_id", "space_id", "created_at", "author_id"]].rename(columns={"post_id": "root"})
    engaged = report_spread.post_engagement(inputs.report.events)
    engaged = engaged[engaged["object_type"] == "posts.post"]
    engaged = engaged.assign(object_id=engaged["object_id"].astype(np.int64))
    engaged = engaged.merge(roots, left_on="object_id", right_on="post_id", how="inner")
    return engaged.merge(tops, on="root", how="inner")


def _typical(
    rows: pd.DataFrame, starts: pd.Series, now: pd.Timestamp, population: int, deadline: float
) -> dict[str, Any] | None:
    """The median curve of the threads in `rows` (starts: root → day 0)."""
    people = rows.groupby("root")["user_id"].nunique()
    keep = people[people >= MIN_TYPICAL_PEOPLE].index
    rows = rows[rows["root"].isin(keep)]
    if rows.empty:
        return None
    index = {root: i for i, root in enumerate(keep.tolist())}
    row_of = rows["root"].map(index).to_numpy(np.int64)
    start = starts.reindex(rows["root"]).reset_index(drop=True)
    since = rows["timestamp"].reset_index(drop=True) - start
    day = (since // pd.Timedelta(days=1)).to_numpy(np.int64)
    n, width = len(keep), TYPICAL_DAYS
    first = pd.DataFrame({"r": row_of, "u": rows["user_id"].to_numpy(), "d": day})
    first = first.groupby(["r", "u"])["d"].min().reset_index()
    new = np.zeros((n, width))
    inside = first["d"].to_numpy() < width
    np.add.at(new, (first["r"].to_numpy()[inside], first["d"].to_numpy()[inside]), 1)
    share = np.cumsum(new, axis=1) / people.reindex(keep).to_numpy(float)[:, None]
    active_pairs = np.unique(np.column_stack([row_of, day, rows["user_id"].to_numpy()]), axis=0)
    active = np.zeros((n, width))
    inside = active_pairs[:, 1] < width
    np.add.at(active, (active_pairs[inside, 0], active_pairs[inside, 1]), 1)
    lived = ((now - starts.reindex(keep)) // pd.Timedelta(days=1)).to_numpy(np.int64) + 1
    dead = np.arange(width)[None, :] >= lived[:, None]
    share[dead] = np.nan
    active[dead] = np.nan
    counted = (~dead).sum(axis=0)
    days = int((counted > 0).sum())
    median = np.nanmedian(share[:, :days], axis=0) if days else np.zeros(0)
    # Threads drop out as their age runs out, so the median of the rest can dip:
    # a cumulative curve never falls, so it is held at its running maximum.
    median = np.maximum.accumulate(median) if days else median
    median_active = np.nanmedian(active[:, :days], axis=0) if days else np.zeros(0)
    out: dict[str, Any] = {
        "posts": n,
        "median": [round(float(v), 6) for v in median],
        "active": [round(float(v), 6) for v in median_active],
        "counted": counted[:days].astype(int).tolist(),
        "bass": None,
        "bass_doubts": [],
        "sir": None,
        "sir_doubts": [],
    }
    if time.perf_counter() > deadline:
        out["not_fitted"] = True
    elif days >= 4:
        t = np.arange(1, days + 1, dtype=float)
        increments = np.diff(np.r_[0.0, median])
        fit = report_spread.fit_curve(t, increments, median_active, population=population)
        if fit.bass is not None:
            out["bass"], out["bass_doubts"] = bass_summary(fit.bass), _codes(fit.bass_warnings)
        if fit.sir is not None:
            out["sir"], out["sir_doubts"] = sir_summary(fit.sir), _codes(fit.sir_warnings)
    return out


def _reach(inputs: Inputs) -> dict[str, Any]:
    edges = inputs.report.follow_edges
    if edges.empty:
        return {"runs": REACH_RUNS, "members": []}
    followers = edges.groupby("followee")["follower"].nunique()
    top = followers.sort_values(ascending=False, kind="stable").head(REACH_MEMBERS)
    names = dict(zip(inputs.report.users["user_id"], inputs.report.users["username"], strict=False))
    runs = REACH_RUNS if len(edges) <= REACH_LARGE_EDGES else REACH_RUNS_LARGE
    results = report_spread.reach_results(
        inputs.report, seeds=[int(v) for v in top.index], runs=runs
    )
    members = []
    for seed, result in results:
        members.append(
            {
                "id": int(seed),
                "username": str(names.get(seed, seed)),
                "followers": int(top[seed]),
                "mean": _num(result.expected_reach),
                # Reach is a whole number of members: the interval's ends are runs' values.
                "low": int(np.quantile(result.reach, 0.05, method="lower")),
                "high": int(np.quantile(result.reach, 0.95, method="higher")),
                "reach": result.reach.astype(int).tolist(),
            }
        )
    return {
        "runs": runs,
        "beta": report_spread.REACH_BETA,
        "gamma": report_spread.REACH_GAMMA,
        "graph_members": int(report_spread.flow_graph(edges).n_nodes),
        "members": members,
    }


def compute(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    rows = threads(inputs)
    if rows.empty:
        raise ValueError("no engagement with posts has been recorded")
    now = inputs.now
    deadline = time.perf_counter() + FIT_BUDGET_SECONDS
    population = int(inputs.report.events["user_id"].nunique())
    first = rows.groupby("root")["timestamp"].min()
    created = rows.groupby("root")["created_at"].first()
    starts = pd.concat([first, created], axis=1).min(axis=1).dt.floor("D")
    people = rows.groupby("root")["user_id"].nunique()
    top = people.sort_values(ascending=False, kind="stable").head(TOP_POSTS)
    by_root = dict(tuple(rows[rows["root"].isin(top.index)].groupby("root")))
    posts = []
    for rank, root in enumerate(top.index.tolist()):
        post_rows = by_root[root]
        start = starts[root]
        curve = report_spread.post_curve(post_rows, start=start)
        span = len(curve.t)
        day = np.floor((post_rows["timestamp"] - start) / pd.Timedelta(days=1)).to_numpy(np.int64)
        daily = {
            kind: np.bincount(day[(post_rows["kind"] == kind).to_numpy()], minlength=span)
            .astype(int)
            .tolist()
            for kind in KINDS
        }
        meta = post_rows.iloc[0]
        posts.append(
            {
                "id": int(root),
                "space": None if pd.isna(meta["space_id"]) else int(meta["space_id"]),
                "author": int(meta["author_id"]),
                "start": f"{start:%Y-%m-%d}",
                "people": int(curve.people),
                "events": len(post_rows),
                "daily": daily,
                "adopters": curve.adopters.astype(int).tolist(),
                "active": curve.active.astype(int).tolist(),
                "fit": fit_summary(
                    curve.t,
                    curve.adopters,
                    curve.active,
                    population=population,
                    with_sir=rank < SIR_POSTS,
                )
                if time.perf_counter() < deadline
                else {"too_little": False, "not_fitted": True},
            }
        )
    typical: dict[str, Any] = {"all": _typical(rows, starts, now, population, deadline)}
    for space, space_rows in rows.groupby("space_id"):
        space_population = int(space_rows["user_id"].nunique())
        typical[str(int(space))] = _typical(space_rows, starts, now, space_population, deadline)
    return {
        "population": population,
        "kinds": list(KINDS),
        "posts": posts,
        "threads": int(len(people)),
        "typical": typical,
        "typical_days": TYPICAL_DAYS,
        "reach": _reach(inputs),
    }
