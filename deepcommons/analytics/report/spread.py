"""The report's diffusion section: Bass and SIR fits of the most-spread posts, and
simulated spread along follows."""

from __future__ import annotations

from dataclasses import dataclass
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


def _post_engagement(data: ReportData) -> pd.DataFrame:
    events = data.events
    mask = events["kind"].isin(ENGAGEMENT_KINDS) & events["object_id"].notna()
    mask &= events["object_type"].astype(str).str.endswith(".post")
    return events.loc[mask, ["object_type", "object_id", "user_id", "timestamp", "target_user_id"]]


def spread(data: ReportData) -> Diffusion:
    engaged = _post_engagement(data)
    if engaged.empty:
        raise ValueError(_("no engagement with posts has been recorded"))
    reach = engaged.groupby(["object_type", "object_id"])["user_id"].nunique()
    top = reach.sort_values(ascending=False).head(TOP_POSTS)
    population = int(data.events["user_id"].nunique())
    charts = []
    rows = []
    doubts = []
    names = usernames(data)
    for (object_type, object_id), people in top.items():
        post = engaged[
            (engaged["object_type"] == object_type) & (engaged["object_id"] == object_id)
        ]
        start = post["timestamp"].min().floor("D")
        day = np.floor(days_since(post["timestamp"], start)).astype(int)
        first_day = np.floor(days_since(post.groupby("user_id")["timestamp"].min(), start)).astype(
            int
        )
        span = max(int(day.max()) + 1, 5)
        adopters = np.bincount(first_day, minlength=span).astype(float)
        active = np.bincount(
            np.unique(np.column_stack([day, post["user_id"].to_numpy()]), axis=0)[:, 0],
            minlength=span,
        ).astype(float)
        t = np.arange(1, span + 1, dtype=float)
        label = f"{object_type} #{object_id}"
        fig = Figure(figsize=(9, 3))
        left, right = fig.subplots(1, 2)
        left.bar(t, adopters, color="#999", label=_("new engaged members"))
        right.bar(t, active, color="#999", label=_("members engaging that day"))
        row: dict[str, Any] = {_("post"): label, _("engaged members"): int(people)}
        # A fit the data cannot support is marked, not shown: no numbers, no curve.
        unsupported = _("not identifiable")
        try:
            bass = diffusion.fit_bass(t, adopters, launch=0.0)
            bass_doubts = check_bass(bass, t, adopters, population=population)
            shown = not bass_doubts
            if shown:
                left.plot(t, bass.predict(t), "o-", color="#cc0000", label="Bass")
            else:
                doubts.append(Doubt(label, "Bass", [_reason(w) for w in bass_doubts]))
            row.update(
                {
                    "Bass p": bass.p if shown else unsupported,
                    "Bass q": bass.q if shown else np.nan,
                    "Bass m": bass.m if shown else np.nan,
                    _("Bass peak day"): bass.peak_time if shown else np.nan,
                }
            )
        except ValueError as exc:
            row[_("Bass")] = str(exc)
        try:
            sir = diffusion.fit_sir(t, active, population=population)
            sir_doubts = check_sir(sir)
            shown = not sir_doubts
            if shown:
                dense = np.linspace(1, span, 200)
                right.plot(dense, sir.predict(dense).I, color="#3465a4", label="SIR")
            else:
                doubts.append(Doubt(label, "SIR", [_reason(w) for w in sir_doubts]))
            row.update(
                {
                    "SIR β": sir.beta if shown else unsupported,
                    "SIR γ": sir.gamma if shown else np.nan,
                    "R0": sir.R0 if shown else np.nan,
                    _("SIR peak day"): sir.peak_time if shown else np.nan,
                }
            )
        except ValueError as exc:
            row[_("SIR")] = str(exc)
        for ax in (left, right):
            ax.set_xlabel(_("day since first engagement"))
            ax.legend(fontsize=8)
        left.set_title(label, fontsize=9)
        author = post["target_user_id"].dropna()
        if not author.empty:
            row[_("author")] = names.get(int(author.mode().iloc[0]), "")
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
    if data.follow_edges.empty:
        return []
    follows = network.follow_graph(data.follow_edges[["follower", "followee"]])
    top = network.influencers(follows, k=3, method="pagerank", backend=engine(follows)).top
    # Information flows from the followed to followers: reverse the edges.
    flow = network.SocialGraph(follows.nodes, follows.dst, follows.src, follows.weight, True)
    names = usernames(data)
    rows = []
    for node in top["node"]:
        result = diffusion.simulate_network_sir(flow, beta=0.5, gamma=0.5, seeds=[node], runs=100)
        rows.append(
            Reach(
                seed=str(names.get(node, node)),
                expected=f"{result.expected_reach:.1f}",
                at_most=f"{result.quantiles[0.95]:.1f}",
            )
        )
    return rows
