"""The report's diffusion section: Bass and SIR fits of the most-spread posts, and
simulated spread along follows.

The model-running half (`post_engagement`, `post_curve`, `fit_curve`,
`spread_results`, `reach_results`) returns plain results; the report's
`spread` draws them, and the operators' console (ops.snapshots.spread) calls
the same functions, so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from deepcommons.analytics.models_math import diffusion, network
from deepcommons.analytics.models_math.plausibility import FitWarning, check_bass, check_sir
from deepcommons.analytics.report.blocks import (
    Chart,
    ReportData,
    Table,
    chart,
    days_since,
    table,
    usernames,
)
from deepcommons.analytics.report.graph import engine

#: How many posts get a diffusion fit.
TOP_POSTS = 3
ENGAGEMENT_KINDS = ("answer", "comment", "vote", "accept")
#: A curve is drawn over at least this many days.
MIN_SPAN_DAYS = 5
#: The simulated spread along follows: rates per day and runs per seed.
REACH_BETA = 0.5
REACH_GAMMA = 0.5
REACH_RUNS = 100


@dataclass(frozen=True)
class Reach:
    """Simulated reach from one seed: mean and 95th percentile of the runs."""

    seed: str
    expected: str
    at_most: str


@dataclass(frozen=True)
class Doubt:
    """Why one post's Bass or SIR fit is shown as not identifiable."""

    post: str
    model: str
    reasons: list[str]


@dataclass(frozen=True)
class Diffusion:
    note: str
    fits: Table
    doubts: list[Doubt]
    charts: list[Chart]
    reach: list[Reach]


# --- results: shared with the console ---------------------------------------


@dataclass(frozen=True, eq=False)
class PostCurve:
    """One post's engagement by day since its first engagement (day 0 = `start`'s day).

    `adopters[d]` counts members engaging for the first time on day d (the
    differences of the cumulative curve between day ends), `active[d]` the
    distinct members engaging that day; `t` = d + 1 is the end of day d, so a
    Bass fit with launch 0 matches each day's count to m (F(d + 1) − F(d)).
    """

    start: pd.Timestamp
    t: np.ndarray
    adopters: np.ndarray
    active: np.ndarray
    people: int


@dataclass(frozen=True, eq=False)
class CurveFit:
    """Bass on `adopters` and SIR on `active`; a model that could not be fitted has
    None and its error; `*_warnings` say why a fitted one is not identifiable."""

    bass: diffusion.BassFit | None = None
    bass_warnings: list[FitWarning] = field(default_factory=list)
    bass_error: str = ""
    sir: diffusion.SIRFit | None = None
    sir_warnings: list[FitWarning] = field(default_factory=list)
    sir_error: str = ""


@dataclass(frozen=True, eq=False)
class PostSpread:
    object_type: str
    object_id: int
    curve: PostCurve
    fit: CurveFit
    author_id: int | None


@dataclass(frozen=True, eq=False)
class SpreadResults:
    population: int
    posts: list[PostSpread]


def post_engagement(events: pd.DataFrame) -> pd.DataFrame:
    """Engagement events (answers, comments, votes, acceptances) on posts."""
    mask = events["kind"].isin(ENGAGEMENT_KINDS) & events["object_id"].notna()
    mask &= events["object_type"].astype(str).str.endswith(".post")
    return events.loc[
        mask, ["object_type", "object_id", "user_id", "kind", "timestamp", "target_user_id"]
    ]


def post_curve(rows: pd.DataFrame, *, start: pd.Timestamp | None = None) -> PostCurve:
    """The daily curve of one post's engagement rows (`user_id`, `timestamp`)."""
    start = rows["timestamp"].min().floor("D") if start is None else start
    day = np.floor(days_since(rows["timestamp"], start)).astype(int)
    first_day = np.floor(days_since(rows.groupby("user_id")["timestamp"].min(), start)).astype(int)
    span = max(int(day.max()) + 1, MIN_SPAN_DAYS)
    adopters = np.bincount(first_day, minlength=span).astype(float)
    active = np.bincount(
        np.unique(np.column_stack([day, rows["user_id"].to_numpy(np.int64)]), axis=0)[:, 0],
        minlength=span,
    ).astype(float)
    return PostCurve(
        start=start,
        t=np.arange(1, span + 1, dtype=float),
        adopters=adopters,
        active=active,
        people=int(rows["user_id"].nunique()),
    )


def fit_curve(
    t: np.ndarray, adopters: np.ndarray, active: np.ndarray, *, population: float
) -> CurveFit:
    """Bass on the new adopters per period, SIR on the active per period, both checked."""
    values: dict[str, Any] = {}
    try:
        bass = diffusion.fit_bass(t, adopters, launch=0.0)
        values["bass"] = bass
        values["bass_warnings"] = check_bass(bass, t, adopters, population=population)
    except ValueError as exc:
        values["bass_error"] = str(exc)
    try:
        sir = diffusion.fit_sir(t, active, population=population)
        values["sir"] = sir
        values["sir_warnings"] = check_sir(sir)
    except ValueError as exc:
        values["sir_error"] = str(exc)
    return CurveFit(**values)


def spread_results(data: ReportData, *, top: int = TOP_POSTS) -> SpreadResults:
    """Curves and fits of the `top` posts by engaged members."""
    engaged = post_engagement(data.events)
    if engaged.empty:
        raise ValueError(_("no engagement with posts has been recorded"))
    reach = engaged.groupby(["object_type", "object_id"])["user_id"].nunique()
    chosen = reach.sort_values(ascending=False, kind="stable").head(top)
    population = int(data.events["user_id"].nunique())
    posts = []
    for object_type, object_id in chosen.index:
        same = (engaged["object_type"] == object_type) & (engaged["object_id"] == object_id)
        rows = engaged[same]
        curve = post_curve(rows)
        author = rows["target_user_id"].dropna()
        posts.append(
            PostSpread(
                object_type=str(object_type),
                object_id=int(object_id),
                curve=curve,
                fit=fit_curve(curve.t, curve.adopters, curve.active, population=population),
                author_id=int(author.mode().iloc[0]) if not author.empty else None,
            )
        )
    return SpreadResults(population=population, posts=posts)


def flow_graph(follow_edges: pd.DataFrame) -> network.SocialGraph:
    """The follow graph with its edges reversed: information flows from the followed."""
    follows = network.follow_graph(follow_edges[["follower", "followee"]])
    return network.SocialGraph(follows.nodes, follows.dst, follows.src, follows.weight, True)


def reach_results(
    data: ReportData,
    *,
    seeds: Sequence[Any] | None = None,
    k: int = 3,
    runs: int = REACH_RUNS,
) -> list[tuple[Any, diffusion.NetworkSIRResult]]:
    """Stochastic SIR along follows from each seed (default: the top `k` by PageRank).

    β = γ = `REACH_BETA` = `REACH_GAMMA` per day, so each follower of an
    infected member is reached with probability 1/2.
    """
    if data.follow_edges.empty:
        return []
    if seeds is None:
        follows = network.follow_graph(data.follow_edges[["follower", "followee"]])
        seeds = (
            network.influencers(follows, k=k, method="pagerank", backend=engine(follows))
            .top["node"]
            .tolist()
        )
    flow = flow_graph(data.follow_edges)
    return [
        (
            seed,
            diffusion.simulate_network_sir(
                flow, beta=REACH_BETA, gamma=REACH_GAMMA, seeds=[seed], runs=runs
            ),
        )
        for seed in seeds
        if seed in flow.index
    ]


# --- the report: drawing the results ----------------------------------------

#: How a parameter is written in the report.
_SYMBOLS = {"beta": "β", "gamma": "γ"}


def _reason(warning: FitWarning) -> str:
    """The warning in the report's language, its numbers to three significant digits."""
    v = {key: f"{value:.3g}" for key, value in warning.values.items()}
    v["param"] = _SYMBOLS.get(warning.param, warning.param)
    if warning.code == "at_bound":
        text = _(
            "%(param)s = %(value)s ended on the edge of its search range: "
            "the data do not determine it."
        )
    elif warning.code == "singular":
        text = _("The data cannot tell the parameters apart: the fit is degenerate.")
    elif warning.code == "uncertain":
        text = _(
            "The standard error of %(param)s (%(se)s) is larger than the estimate (%(value)s)."
        )
    elif warning.code == "market_above_population":
        v["population"] = f"{warning.values['population']:.0f}"
        text = _("m = %(m)s is more than the %(population)s members who could adopt.")
    elif warning.code == "market_extrapolated":
        v["ratio"] = f"{warning.values['m'] / warning.values['observed']:.3g}"
        v["observed"] = f"{warning.values['observed']:.0f}"
        text = _(
            "m = %(m)s is %(ratio)s times the %(observed)s adopters seen and the counts have "
            "not started to fall: the data cannot fix the market size."
        )
    elif warning.code == "r0_too_large":
        text = _("R0 = %(R0)s is above any plausible value (%(limit)s).")
    else:
        text = _("The 95%% interval of R0 (%(low)s to %(high)s) is unbounded.")
    return text % v


def spread(data: ReportData) -> Diffusion:
    results = spread_results(data)
    population = results.population
    charts = []
    rows = []
    doubts = []
    names = usernames(data)
    for post in results.posts:
        curve, fit = post.curve, post.fit
        t, span = curve.t, len(curve.t)
        label = f"{post.object_type} #{post.object_id}"
        fig = Figure(figsize=(9, 3))
        left, right = fig.subplots(1, 2)
        left.bar(t, curve.adopters, color="#999", label=_("new engaged members"))
        right.bar(t, curve.active, color="#999", label=_("members engaging that day"))
        row: dict[str, Any] = {_("post"): label, _("engaged members"): curve.people}
        # A fit the data cannot support is marked, not shown: no numbers, no curve.
        unsupported = _("not identifiable")
        if fit.bass is not None:
            bass = fit.bass
            shown = not fit.bass_warnings
            if shown:
                left.plot(t, bass.predict(t), "o-", color="#cc0000", label="Bass")
            else:
                doubts.append(Doubt(label, "Bass", [_reason(w) for w in fit.bass_warnings]))
            row.update(
                {
                    "Bass p": bass.p if shown else unsupported,
                    "Bass q": bass.q if shown else np.nan,
                    "Bass m": bass.m if shown else np.nan,
                    _("Bass peak day"): bass.peak_time if shown else np.nan,
                }
            )
        else:
            row[_("Bass")] = fit.bass_error
        if fit.sir is not None:
            sir = fit.sir
            shown = not fit.sir_warnings
            if shown:
                dense = np.linspace(1, span, 200)
                right.plot(dense, sir.predict(dense).I, color="#3465a4", label="SIR")
            else:
                doubts.append(Doubt(label, "SIR", [_reason(w) for w in fit.sir_warnings]))
            row.update(
                {
                    "SIR β": sir.beta if shown else unsupported,
                    "SIR γ": sir.gamma if shown else np.nan,
                    "R0": sir.R0 if shown else np.nan,
                    _("SIR peak day"): sir.peak_time if shown else np.nan,
                }
            )
        else:
            row[_("SIR")] = fit.sir_error
        for ax in (left, right):
            ax.set_xlabel(_("day since first engagement"))
            ax.legend(fontsize=8)
        left.set_title(label, fontsize=9)
        if post.author_id is not None:
            row[_("author")] = names.get(post.author_id, "")
        charts.append(chart(fig, _("Diffusion of %(post)s") % {"post": label}))
        rows.append(row)
    note = _(
        "The most-spread posts by engaged members. Bass is fitted to new engaged members "
        "per day (differences of the cumulative curve); SIR to the members engaging each "
        "day, in a population of %(n)d active members. Rates are per day."
    ) % {"n": population}
    return Diffusion(
        note=note,
        fits=table(pd.DataFrame(rows).set_index(_("post"))),
        doubts=doubts,
        charts=charts,
        reach=_network_reach(data),
    )


def _network_reach(data: ReportData) -> list[Reach]:
    """Simulated reach of a post by each top influencer, spreading along follows."""
    names = usernames(data)
    return [
        Reach(
            seed=str(names.get(node, node)),
            expected=f"{result.expected_reach:.1f}",
            at_most=f"{result.quantiles[0.95]:.1f}",
        )
        for node, result in reach_results(data)
    ]
