"""The report's sections about members: overview, growth, RFM, clusters, retention, churn."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from deepcommons.analytics.models import ActivityKind
from deepcommons.analytics.models_math import activity, growth
from deepcommons.analytics.report.blocks import (
    Chart,
    ReportData,
    Table,
    chart,
    days_since,
    new_figure,
    table,
    usernames,
)


@dataclass(frozen=True)
class Overview:
    facts: Table
    kinds: Table
    chart: Chart


@dataclass(frozen=True)
class Growth:
    chart: Chart
    fits: Table
    note: str


@dataclass(frozen=True)
class Segments:
    chart: Chart
    medians: Table


@dataclass(frozen=True)
class Clusters:
    note: str
    chart: Chart
    centers: Table


@dataclass(frozen=True)
class Retention:
    chart: Chart
    average: Table


@dataclass(frozen=True)
class Churn:
    note: str
    params: Table
    chart: Chart
    at_risk: Table


def overview(data: ReportData) -> Overview:
    events = data.events
    now = data.now
    active = {
        days: events.loc[events["timestamp"] >= now - pd.Timedelta(days=days), "user_id"].nunique()
        for days in (1, 7, 30)
    }
    facts = pd.DataFrame(
        {
            _("value"): [
                len(data.users),
                events["user_id"].nunique(),
                len(events),
                active[1],
                active[7],
                active[30],
                f"{events['timestamp'].min():%Y-%m-%d} – {events['timestamp'].max():%Y-%m-%d}",
            ]
        },
        index=pd.Index(
            [
                _("members"),
                _("members with activity"),
                _("events"),
                _("active in the last day"),
                _("active in the last 7 days"),
                _("active in the last 30 days"),
                _("period"),
            ],
            name="",
        ),
    )
    kinds = events["kind"].value_counts().rename(_("events")).to_frame()
    kinds.index = pd.Index(
        [str(ActivityKind(k).label) if k in ActivityKind.values else k for k in kinds.index],
        name=_("kind"),
    )
    weekly = (
        events.assign(week=events["timestamp"].dt.tz_localize(None).dt.to_period("W").dt.start_time)
        .groupby("week")["user_id"]
        .nunique()
    )
    fig, ax = new_figure(7.5, 2.8)
    ax.plot(weekly.index, weekly.to_numpy(), marker="o", color="#3465a4")
    ax.set_ylabel(_("weekly active members"))
    ax.grid(alpha=0.3)
    return Overview(
        facts=table(facts),
        kinds=table(kinds),
        chart=chart(fig, _("Weekly active members over time")),
    )


def growth_curves(data: ReportData) -> Growth:
    """Cumulative members with activity, per day since the first event."""
    first = data.events.groupby("user_id")["timestamp"].min()
    origin = first.min().floor("D")
    day = np.floor(days_since(first, origin)).astype(int)
    horizon = int(np.floor((data.now - origin) / pd.Timedelta(days=1)))
    counts = np.bincount(day, minlength=horizon + 1)
    cumulative = np.cumsum(counts)
    t = np.arange(len(cumulative), dtype=float)
    step = max(1, len(t) // 120)
    t_fit, y_fit = t[::step], cumulative[::step].astype(float)
    future = t[-1] + np.arange(1, 31, dtype=float)
    result = growth.compare(t_fit, y_fit, forecast_t=future)
    fig, ax = new_figure()
    ax.plot(t, cumulative, ".", color="#555", label=_("members with activity"), markersize=3)
    dense = np.linspace(0, future[-1], 300)
    for name, fit in result.fits.items():
        ax.plot(dense, fit.predict(dense), label=name)
    best = result.best
    low, high = best.prediction_interval(future)
    ax.fill_between(
        future, low, high, alpha=0.2, label=_("95%% forecast, %(model)s") % {"model": best.model}
    )
    ax.set_xlabel(_("days since the first event"))
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    rows = []
    for name, fit in result.fits.items():
        params = ", ".join(
            f"{key} = {value:.4g} ± {fit.se[key]:.2g}" for key, value in fit.params.items()
        )
        rows.append(
            {
                _("model"): name,
                _("parameters (per day)"): params,
                "R²": fit.r_squared,
                "AIC": fit.aic,
                _("Akaike weight"): result.ranking.loc[name, "weight"],
            }
        )
    note = ""
    if isinstance(best, growth.LogisticFit):
        note = _("Logistic capacity %(K).0f members; fastest growth on day %(t0).0f.") % {
            "K": best.K,
            "t0": best.t0,
        }
    return Growth(
        chart=chart(fig, _("Growth of the community with fitted curves")),
        fits=table(pd.DataFrame(rows).set_index(_("model"))),
        note=note,
    )


def _rfm_result(data: ReportData) -> activity.RFM:
    return activity.rfm(data.events[["user_id", "timestamp", "value"]], data.now)


def segments(data: ReportData) -> Segments:
    result = _rfm_result(data)
    counts = result.segment_counts()
    fig, ax = new_figure(7.5, 3.2)
    ax.barh(counts.index[::-1], counts.to_numpy()[::-1], color="#4e9a06")
    ax.set_xlabel(_("members"))
    summary = result.table.groupby("segment", observed=True)[
        ["recency_days", "frequency", "monetary"]
    ].median()
    summary.columns = [_("days since last activity"), _("events"), _("value")]
    summary.index.name = _("segment")
    return Segments(chart=chart(fig, _("Members per RFM segment")), medians=table(summary))


def clusters(data: ReportData) -> Clusters:
    rfm_table = _rfm_result(data).table
    features = np.log1p(rfm_table[["recency_days", "frequency", "monetary"]])
    result = activity.cluster(features)
    centers = np.expm1(result.centers)
    centers.columns = [_("days since last activity"), _("events"), _("value")]
    centers.index.name = _("cluster")
    centers[_("members")] = result.sizes().to_numpy()
    rng = np.random.default_rng(0)
    shown = rng.choice(len(rfm_table), size=min(len(rfm_table), 5000), replace=False)
    fig, ax = new_figure(6, 4)
    scatter = ax.scatter(
        rfm_table["recency_days"].to_numpy()[shown],
        rfm_table["frequency"].to_numpy()[shown],
        c=result.labels[shown],
        cmap="tab10",
        s=10,
        alpha=0.7,
    )
    ax.set_yscale("log")
    ax.set_xlabel(_("days since last activity"))
    ax.set_ylabel(_("events"))
    ax.legend(*scatter.legend_elements(), title=_("cluster"), fontsize=8)
    scores = ", ".join(f"k={k}: {s:.2f}" for k, s in result.silhouette_scores.items())
    note = _(
        "K-Means on log recency, frequency and value; k = %(k)d chosen by silhouette (%(scores)s)."
    ) % {"k": result.k, "scores": scores}
    return Clusters(
        note=note,
        chart=chart(fig, _("Members by recency and frequency, coloured by cluster")),
        centers=table(centers),
    )


def retention(data: ReportData) -> Retention:
    result = activity.cohort_retention(data.events[["user_id", "timestamp"]], period="W")
    rates = result.rates.iloc[-16:, :16]
    fig, ax = new_figure(7.5, max(2.5, 0.3 * len(rates) + 1))
    image = ax.imshow(rates.to_numpy(float), cmap="viridis", vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(rates)), [str(p.start_time.date()) for p in rates.index], fontsize=7)
    ax.set_xticks(range(rates.shape[1]), [str(c) for c in rates.columns], fontsize=7)
    ax.set_xlabel(_("weeks since first activity"))
    ax.set_ylabel(_("cohort (week of first activity)"))
    fig.colorbar(image, ax=ax, label=_("share still active"))
    average = result.average().iloc[:9].to_frame(_("retention")).T
    return Retention(
        chart=chart(fig, _("Weekly cohort retention heatmap")),
        average=table(average, floats="{:.0%}"),
    )


def churn(data: ReportData) -> Churn:
    summary = activity.bgnbd_summary(data.events[["user_id", "timestamp"]], data.now, unit_days=7)
    fit = activity.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    p_alive = fit.p_alive(summary["frequency"], summary["recency"], summary["T"])
    expected = fit.expected_events(4, summary["frequency"], summary["recency"], summary["T"])
    frame = summary.assign(p_alive=p_alive, expected_active_days_next_4_weeks=expected)
    names = usernames(data)
    # At risk: people who were regulars (3+ repeat days) and now look gone.
    risk = frame[frame["frequency"] >= 3].sort_values("p_alive").head(15)
    risk.insert(0, "member", [names.get(u, u) for u in risk.index])
    risk = risk.rename(
        columns={
            "member": _("member"),
            "frequency": _("repeat active days"),
            "recency": _("weeks from first to last"),
            "T": _("weeks since first"),
            "p_alive": _("probability still active"),
            "expected_active_days_next_4_weeks": _("expected active days, next 4 weeks"),
        }
    )
    params = pd.DataFrame(
        {
            _("estimate"): [fit.r, fit.alpha, fit.a, fit.b],
            _("standard error"): [fit.se[k] for k in ("r", "alpha", "a", "b")],
        },
        index=pd.Index(["r", "α (weeks)", "a", "b"], name=_("parameter")),
    )
    fig, ax = new_figure(7.5, 2.8)
    ax.hist(p_alive, bins=20, color="#c4a000")
    ax.set_xlabel(_("probability still active"))
    ax.set_ylabel(_("members"))
    note = _(
        "BG/NBD fitted on active days (weeks as the unit): log-likelihood %(ll).1f over "
        "%(n)d members; expected active days per member in the next 4 weeks: %(e).2f."
    ) % {"ll": fit.log_likelihood, "n": fit.n, "e": float(np.mean(expected))}
    return Churn(
        note=note,
        params=table(params),
        chart=chart(fig, _("Distribution of the probability that a member is still active")),
        at_risk=table(risk.round(3), index=False),
    )
