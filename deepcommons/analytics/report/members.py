"""The report's sections about members: overview, growth, RFM, clusters, retention, churn."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from deepcommons.analytics.models import ActivityKind
from deepcommons.analytics.models_math import growth
from deepcommons.analytics.report import member_results as results
from deepcommons.analytics.report.blocks import (
    Chart,
    ReportData,
    Table,
    chart,
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


def segment_label(name: str) -> str:
    """A segment's translated name (the keys are models_math.activity.SEGMENTS)."""
    labels = {
        "champions": _("champions"),
        "loyal": _("loyal"),
        "potential loyalist": _("potential loyalists"),
        "new": _("new"),
        "promising": _("promising"),
        "need attention": _("need attention"),
        "about to sleep": _("about to sleep"),
        "cannot lose": _("cannot lose them"),
        "at risk": _("at risk"),
        "hibernating": _("hibernating"),
        results.NOT_YET_ACTIVE: _("not yet active"),
    }
    return str(labels.get(name, name))


def cluster_description(key: str) -> str:
    """A cluster centre's description (a key of `results.describe_center`) in words."""
    descriptions = {
        "recent frequent contributing": _("core contributors: recent, frequent, giving"),
        "recent frequent lurking": _("regular readers: recent and frequent, rarely contributing"),
        "recent occasional contributing": _("occasional contributors, still around"),
        "recent occasional lurking": _("newcomers and casual visitors"),
        "lapsed frequent contributing": _("former core contributors, gone quiet"),
        "lapsed frequent lurking": _("former regular readers, gone quiet"),
        "lapsed occasional contributing": _("past occasional contributors"),
        "lapsed occasional lurking": _("lurkers who came once or twice and left"),
    }
    return str(descriptions.get(key, key))


def growth_curves(data: ReportData) -> Growth:
    """Cumulative members with activity, per day since the first event."""
    result = results.growth_of_activity(data)
    t, cumulative, future = result.t, result.cumulative, result.forecast_t
    comparison = result.comparison
    fig, ax = new_figure()
    ax.plot(t, cumulative, ".", color="#555", label=_("members with activity"), markersize=3)
    dense = np.linspace(0, future[-1], 300)
    for name, fit in comparison.fits.items():
        ax.plot(dense, fit.predict(dense), label=name)
    best = comparison.best
    low, high = best.prediction_interval(future)
    ax.fill_between(
        future, low, high, alpha=0.2, label=_("95%% forecast, %(model)s") % {"model": best.model}
    )
    ax.set_xlabel(_("days since the first event"))
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    rows = []
    for name, fit in comparison.fits.items():
        params = ", ".join(
            f"{key} = {value:.4g} ± {fit.se[key]:.2g}" for key, value in fit.params.items()
        )
        rows.append(
            {
                _("model"): name,
                _("parameters (per day)"): params,
                "R²": fit.r_squared,
                "AIC": fit.aic,
                _("Akaike weight"): comparison.ranking.loc[name, "weight"],
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


def segments(data: ReportData) -> Segments:
    result = results.segments(data).now
    counts = result.segment_counts()
    fig, ax = new_figure(7.5, 3.2)
    names = [segment_label(name) for name in counts.index]
    ax.barh(names[::-1], counts.to_numpy()[::-1], color="#4e9a06")
    ax.set_xlabel(_("members"))
    summary = result.table.groupby("segment", observed=True)[
        ["recency_days", "frequency", "monetary"]
    ].median()
    summary.columns = [_("days since last activity"), _("events"), _("contribution")]
    summary.index = pd.Index([segment_label(str(s)) for s in summary.index], name=_("segment"))
    return Segments(chart=chart(fig, _("Members per RFM segment")), medians=table(summary))


def clusters(data: ReportData) -> Clusters:
    result = results.clusters(data)
    rfm_table = result.rfm
    centers = result.centers.copy()
    centers.columns = [_("days since last activity"), _("events"), _("contribution"), _("members")]
    centers.insert(0, _("description"), [cluster_description(k) for k in result.descriptions])
    centers.index.name = _("cluster")
    rng = np.random.default_rng(0)
    shown = rng.choice(len(rfm_table), size=min(len(rfm_table), 5000), replace=False)
    fig, ax = new_figure(6, 4)
    scatter = ax.scatter(
        rfm_table["recency_days"].to_numpy()[shown],
        rfm_table["frequency"].to_numpy()[shown],
        c=result.clusters.labels[shown],
        cmap="tab10",
        s=10,
        alpha=0.7,
    )
    ax.set_yscale("log")
    ax.set_xlabel(_("days since last activity"))
    ax.set_ylabel(_("events"))
    ax.legend(*scatter.legend_elements(), title=_("cluster"), fontsize=8)
    scores = ", ".join(f"k={k}: {s:.2f}" for k, s in result.clusters.silhouette_scores.items())
    note = _(
        "K-Means on log recency, frequency and contribution; k = %(k)d chosen by silhouette "
        "(%(scores)s)."
    ) % {"k": result.clusters.k, "scores": scores}
    return Clusters(
        note=note,
        chart=chart(fig, _("Members by recency and frequency, coloured by cluster")),
        centers=table(centers),
    )


def retention(data: ReportData) -> Retention:
    result = results.retention(data, period="W")
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
    result = results.churn(data)
    fit, frame = result.fit, result.members
    names = usernames(data)
    risk = result.at_risk(15)[["value", "p_alive", "risk", "frequency", "expected"]].copy()
    risk.insert(0, "member", [names.get(u, u) for u in risk.index])
    risk = risk.rename(
        columns={
            "member": _("member"),
            "value": _("contribution"),
            "p_alive": _("probability still active"),
            "risk": _("contribution at risk"),
            "frequency": _("repeat active days"),
            "expected": _("expected active days, next 4 weeks"),
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
    ax.hist(frame["p_alive"].to_numpy(float), bins=20, color="#c4a000")
    ax.set_xlabel(_("probability still active"))
    ax.set_ylabel(_("members"))
    note = _(
        "BG/NBD fitted on active days (weeks as the unit): log-likelihood %(ll).1f over "
        "%(n)d members; expected active days per member in the next 4 weeks: %(e).2f."
    ) % {"ll": fit.log_likelihood, "n": fit.n, "e": float(frame["expected"].mean())}
    return Churn(
        note=note,
        params=table(params),
        chart=chart(fig, _("Distribution of the probability that a member is still active")),
        at_risk=table(risk.round(3), index=False),
    )
