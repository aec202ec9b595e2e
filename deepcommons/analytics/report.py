"""The community report: every model run on the community's data, as one HTML file.

`build_report` takes DataFrames (see `frames`), so the same code runs on the
live database (`manage.py analytics report`) and on synthetic data (the
benchmark). Charts are matplotlib PNGs embedded as data URIs, so the file is
self-contained. A section whose model cannot be fitted on the data says why
instead of failing the report.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from django.utils.translation import get_language  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from deepcommons.analytics.models import ActivityKind  # noqa: E402
from deepcommons.analytics.models_math import activity, diffusion, growth, network  # noqa: E402

Progress = Callable[[int, int, str], None]

#: Above this many people the report skips betweenness-based measures (O(n·m)).
BETWEENNESS_MAX_NODES = 5_000
#: Above this many ties the report computes with igraph, which is faster once loaded.
IGRAPH_ABOVE_EDGES = 1_000
#: How many posts get a diffusion fit, and how many people the graph drawing shows.
TOP_POSTS = 3
DRAW_NODES = 150
ENGAGEMENT_KINDS = ("answer", "comment", "vote", "accept")


def _use_cjk_fallback_font() -> None:
    """Chart labels in Chinese need a CJK font after the default one, when one is installed.

    Matplotlib's font cache may predate the font's installation, so known
    Noto CJK files are registered directly.
    """
    import glob

    from matplotlib import font_manager

    names: list[str] = []
    for pattern in ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "wqy-zenhei.ttc"):
        for path in sorted(glob.glob(f"/usr/share/fonts/**/{pattern}", recursive=True))[:1]:
            font_manager.fontManager.addfont(path)
            faces = [f.name for f in font_manager.fontManager.ttflist if f.fname == path]
            names.append(next((face for face in faces if face.endswith(" SC")), faces[0]))
    if names:
        # Fallback happens within font.family itself, not within a generic family.
        matplotlib.rcParams["font.family"] = ["DejaVu Sans", *names]


_use_cjk_fallback_font()


@dataclass(frozen=True)
class ReportData:
    """The inputs: events (frames.EVENT_COLUMNS), users (user_id, username, …), edges."""

    events: pd.DataFrame
    users: pd.DataFrame
    follow_edges: pd.DataFrame
    interaction_edges: pd.DataFrame
    now: pd.Timestamp


def build_report(data: ReportData, *, progress: Progress | None = None) -> str:
    """Run every model and return the report as one HTML document."""
    sections: list[tuple[str, Callable[[ReportData], str]]] = [
        (_("Overview"), _overview),
        (_("Growth"), _growth),
        (_("RFM segments"), _rfm),
        (_("Activity clusters"), _clusters),
        (_("Cohort retention"), _retention),
        (_("Churn risk (BG/NBD)"), _churn),
        (_("Content diffusion"), _diffusion),
        (_("Social network"), _network),
    ]
    if data.events.empty:
        raise ValueError("there are no activity events to report on")
    parts = []
    for step, (title, render) in enumerate(sections):
        if progress is not None:
            progress(step, len(sections), title)
        try:
            body = render(data)
        except ValueError as exc:
            body = _note(_("Not enough data for this section: %(reason)s") % {"reason": exc})
        parts.append(f"<section><h2>{_esc(title)}</h2>{body}</section>")
    if progress is not None:
        progress(len(sections), len(sections), _("Done"))
    return _page(data, "\n".join(parts))


# ------------------------------------------------------------------- helpers


def _esc(value: Any) -> str:
    return html.escape(str(value))


def _note(text: str) -> str:
    return f'<p class="note">{_esc(text)}</p>'


def _figure(fig: Figure, alt: str) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{data}" alt="{_esc(alt)}"></figure>'


def _new_figure(width: float = 7.5, height: float = 3.6) -> tuple[Figure, Any]:
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


def _table(frame: pd.DataFrame, *, floats: str = "{:.3g}", index: bool = True) -> str:
    def cell(value: Any) -> str:
        if isinstance(value, float | np.floating):
            return _esc(floats.format(value)) if np.isfinite(value) else "–"
        return _esc(value)

    head = ([_esc(frame.index.name or "")] if index else []) + [_esc(c) for c in frame.columns]
    rows = []
    for label, row in frame.iterrows():
        cells = ([f"<th>{_esc(label)}</th>"] if index else []) + [
            f"<td>{cell(v)}</td>" for v in row.tolist()
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    header = "".join(f"<th>{h}</th>" for h in head)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _days_since(stamps: pd.Series, origin: pd.Timestamp) -> np.ndarray:
    return ((stamps - origin) / pd.Timedelta(days=1)).to_numpy(float)


def _usernames(data: ReportData) -> dict[Any, str]:
    return dict(zip(data.users["user_id"], data.users["username"], strict=False))


# ------------------------------------------------------------------ sections


def _overview(data: ReportData) -> str:
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
    fig, ax = _new_figure(7.5, 2.8)
    ax.plot(weekly.index, weekly.to_numpy(), marker="o", color="#3465a4")
    ax.set_ylabel(_("weekly active members"))
    ax.grid(alpha=0.3)
    return _table(facts) + _table(kinds) + _figure(fig, _("Weekly active members over time"))


def _growth(data: ReportData) -> str:
    """Cumulative members with activity, per day since the first event."""
    first = data.events.groupby("user_id")["timestamp"].min()
    origin = first.min().floor("D")
    day = np.floor(_days_since(first, origin)).astype(int)
    horizon = int(np.floor((data.now - origin) / pd.Timedelta(days=1)))
    counts = np.bincount(day, minlength=horizon + 1)
    cumulative = np.cumsum(counts)
    t = np.arange(len(cumulative), dtype=float)
    step = max(1, len(t) // 120)
    t_fit, y_fit = t[::step], cumulative[::step].astype(float)
    future = t[-1] + np.arange(1, 31, dtype=float)
    result = growth.compare(t_fit, y_fit, forecast_t=future)
    fig, ax = _new_figure()
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
    table = pd.DataFrame(rows).set_index(_("model"))
    extra = ""
    if isinstance(best, growth.LogisticFit):
        extra = _note(
            _("Logistic capacity %(K).0f members; fastest growth on day %(t0).0f.")
            % {"K": best.K, "t0": best.t0}
        )
    return _figure(fig, _("Growth of the community with fitted curves")) + _table(table) + extra


def _rfm_result(data: ReportData) -> activity.RFM:
    return activity.rfm(data.events[["user_id", "timestamp", "value"]], data.now)


def _rfm(data: ReportData) -> str:
    result = _rfm_result(data)
    counts = result.segment_counts()
    fig, ax = _new_figure(7.5, 3.2)
    ax.barh(counts.index[::-1], counts.to_numpy()[::-1], color="#4e9a06")
    ax.set_xlabel(_("members"))
    summary = result.table.groupby("segment", observed=True)[
        ["recency_days", "frequency", "monetary"]
    ].median()
    summary.columns = [_("days since last activity"), _("events"), _("value")]
    summary.index.name = _("segment")
    return (
        _figure(fig, _("Members per RFM segment"))
        + _note(_("Median recency (days), frequency (events) and value per segment."))
        + _table(summary)
    )


def _clusters(data: ReportData) -> str:
    table = _rfm_result(data).table
    features = np.log1p(table[["recency_days", "frequency", "monetary"]])
    result = activity.cluster(features)
    centers = np.expm1(result.centers)
    centers.columns = [_("days since last activity"), _("events"), _("value")]
    centers.index.name = _("cluster")
    centers[_("members")] = result.sizes().to_numpy()
    rng = np.random.default_rng(0)
    shown = rng.choice(len(table), size=min(len(table), 5000), replace=False)
    fig, ax = _new_figure(6, 4)
    scatter = ax.scatter(
        table["recency_days"].to_numpy()[shown],
        table["frequency"].to_numpy()[shown],
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
    return (
        _note(
            _(
                "K-Means on log recency, frequency and value; k = %(k)d chosen by silhouette "
                "(%(scores)s)."
            )
            % {"k": result.k, "scores": scores}
        )
        + _figure(fig, _("Members by recency and frequency, coloured by cluster"))
        + _table(centers)
    )


def _retention(data: ReportData) -> str:
    result = activity.cohort_retention(data.events[["user_id", "timestamp"]], period="W")
    rates = result.rates.iloc[-16:, :16]
    fig, ax = _new_figure(7.5, max(2.5, 0.3 * len(rates) + 1))
    image = ax.imshow(rates.to_numpy(float), cmap="viridis", vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(rates)), [str(p.start_time.date()) for p in rates.index], fontsize=7)
    ax.set_xticks(range(rates.shape[1]), [str(c) for c in rates.columns], fontsize=7)
    ax.set_xlabel(_("weeks since first activity"))
    ax.set_ylabel(_("cohort (week of first activity)"))
    fig.colorbar(image, ax=ax, label=_("share still active"))
    average = result.average().iloc[:9].to_frame(_("retention")).T
    return _figure(fig, _("Weekly cohort retention heatmap")) + _table(average, floats="{:.0%}")


def _churn(data: ReportData) -> str:
    summary = activity.bgnbd_summary(data.events[["user_id", "timestamp"]], data.now, unit_days=7)
    fit = activity.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    p_alive = fit.p_alive(summary["frequency"], summary["recency"], summary["T"])
    expected = fit.expected_events(4, summary["frequency"], summary["recency"], summary["T"])
    frame = summary.assign(p_alive=p_alive, expected_active_days_next_4_weeks=expected)
    names = _usernames(data)
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
    fig, ax = _new_figure(7.5, 2.8)
    ax.hist(p_alive, bins=20, color="#c4a000")
    ax.set_xlabel(_("probability still active"))
    ax.set_ylabel(_("members"))
    return (
        _note(
            _(
                "BG/NBD fitted on active days (weeks as the unit): log-likelihood %(ll).1f over "
                "%(n)d members; expected active days per member in the next 4 weeks: %(e).2f."
            )
            % {"ll": fit.log_likelihood, "n": fit.n, "e": float(np.mean(expected))}
        )
        + _table(params)
        + _figure(fig, _("Distribution of the probability that a member is still active"))
        + "<h3>"
        + _esc(_("Regulars most at risk of having left"))
        + "</h3>"
        + _table(risk.round(3), index=False)
    )


def _post_engagement(data: ReportData) -> pd.DataFrame:
    events = data.events
    mask = events["kind"].isin(ENGAGEMENT_KINDS) & events["object_id"].notna()
    mask &= events["object_type"].astype(str).str.endswith(".post")
    return events.loc[mask, ["object_type", "object_id", "user_id", "timestamp", "target_user_id"]]


def _diffusion(data: ReportData) -> str:
    engaged = _post_engagement(data)
    if engaged.empty:
        raise ValueError(_("no engagement with posts has been recorded"))
    reach = engaged.groupby(["object_type", "object_id"])["user_id"].nunique()
    top = reach.sort_values(ascending=False).head(TOP_POSTS)
    population = int(data.events["user_id"].nunique())
    parts = []
    rows = []
    names = _usernames(data)
    for (object_type, object_id), people in top.items():
        post = engaged[
            (engaged["object_type"] == object_type) & (engaged["object_id"] == object_id)
        ]
        start = post["timestamp"].min().floor("D")
        day = np.floor(_days_since(post["timestamp"], start)).astype(int)
        first_day = np.floor(_days_since(post.groupby("user_id")["timestamp"].min(), start)).astype(
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
        try:
            bass = diffusion.fit_bass(t, adopters, launch=0.0)
            left.plot(t, bass.predict(t), "o-", color="#cc0000", label="Bass")
            row.update(
                {
                    "Bass p": bass.p,
                    "Bass q": bass.q,
                    "Bass m": bass.m,
                    _("Bass peak day"): bass.peak_time,
                }
            )
        except ValueError as exc:
            row[_("Bass")] = str(exc)
        try:
            sir = diffusion.fit_sir(t, active, population=population)
            dense = np.linspace(1, span, 200)
            right.plot(dense, sir.predict(dense).I, color="#3465a4", label="SIR")
            row.update(
                {
                    "SIR β": sir.beta,
                    "SIR γ": sir.gamma,
                    "R0": sir.R0,
                    _("SIR peak day"): sir.peak_time,
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
        parts.append(_figure(fig, _("Diffusion of %(post)s") % {"post": label}))
        rows.append(row)
    table = pd.DataFrame(rows).set_index(_("post"))
    return (
        _note(
            _(
                "The most-spread posts by engaged members. Bass is fitted to new engaged members "
                "per day (differences of the cumulative curve); SIR to the members engaging each "
                "day, in a population of %(n)d active members. Rates are per day."
            )
            % {"n": population}
        )
        + _table(table)
        + "".join(parts)
        + _network_reach(data)
    )


def _network_reach(data: ReportData) -> str:
    """Simulated reach of a post by each top influencer, spreading along follows."""
    if data.follow_edges.empty:
        return ""
    follows = network.follow_graph(data.follow_edges[["follower", "followee"]])
    top = network.influencers(follows, k=3, method="pagerank", backend=_engine(follows)).top
    # Information flows from the followed to followers: reverse the edges.
    flow = network.SocialGraph(follows.nodes, follows.dst, follows.src, follows.weight, True)
    names = _usernames(data)
    rows = []
    for node in top["node"]:
        result = diffusion.simulate_network_sir(flow, beta=0.5, gamma=0.5, seeds=[node], runs=100)
        rows.append(
            {
                _("seed"): names.get(node, node),
                _("expected reach"): result.expected_reach,
                _("95%% of runs reach at most"): result.quantiles[0.95],
            }
        )
    return (
        "<h3>"
        + _esc(_("Simulated spread along follows"))
        + "</h3>"
        + _note(
            _(
                "Stochastic SIR on the follow graph (β = γ = 0.5 per day, so each follower "
                "is reached with probability 1/2), 100 runs from each top influencer."
            )
        )
        + _table(pd.DataFrame(rows), index=False, floats="{:.1f}")
    )


def _network(data: ReportData) -> str:
    names = _usernames(data)
    parts = []
    graphs = []
    if not data.follow_edges.empty:
        graphs.append(
            (_("Follow graph"), network.follow_graph(data.follow_edges[["follower", "followee"]]))
        )
    if not data.interaction_edges.empty:
        graphs.append((_("Interaction graph"), network.interaction_graph(data.interaction_edges)))
    if not graphs:
        raise ValueError(_("no follows or interactions between members yet"))
    summaries = {}
    for title, graph in graphs:
        s = network.summary(graph, backend=_engine(graph))
        summaries[title] = {
            _("people"): s.n_nodes,
            _("ties"): s.n_edges,
            _("density"): s.density,
            _("average clustering"): s.average_clustering,
            _("assortativity"): s.assortativity,
            _("components"): s.components,
            _("largest component"): s.largest_component,
            _("diameter"): s.diameter,
        }
    parts.append(_table(pd.DataFrame(summaries)))
    title, graph = graphs[-1]
    found = network.communities(graph, "louvain", backend=_engine(graph))
    parts.append(
        _note(
            _("Louvain communities of the %(graph)s: %(n)d groups, modularity %(q).3f.")
            % {"graph": title.lower(), "n": found.n, "q": found.modularity}
        )
    )
    parts.append(_draw(graph, found, names))
    rankings = {}
    for graph_title, g in graphs:
        methods: list[network.CentralityMethod] = ["pagerank", "degree"]
        if g.n_nodes <= BETWEENNESS_MAX_NODES:
            methods.append("betweenness")
        for method in methods:
            top = network.influencers(g, k=10, method=method, backend=_engine(g)).top
            rankings[f"{graph_title}: {method}"] = [names.get(n, n) for n in top["node"]]
    parts.append("<h3>" + _esc(_("Top influencers")) + "</h3>")
    parts.append(_table(pd.DataFrame({k: pd.Series(v) for k, v in rankings.items()}), index=False))
    if graph.n_nodes <= BETWEENNESS_MAX_NODES:
        bb = network.bridges_and_brokers(graph, k=10, backend=_engine(graph))
        brokers = bb.brokers.assign(node=[names.get(n, n) for n in bb.brokers["node"]])
        parts.append("<h3>" + _esc(_("Brokers")) + "</h3>")
        parts.append(
            _note(
                _(
                    "High betweenness and low constraint: people who connect groups. "
                    "%(bridges)d bridge ties, %(points)d cut points."
                )
                % {"bridges": len(bb.bridges), "points": len(bb.articulation_points)}
            )
        )
        parts.append(_table(brokers, index=False))
    return "".join(parts)


def _engine(graph: network.SocialGraph) -> network.Backend | None:
    return "igraph" if graph.n_edges > IGRAPH_ABOVE_EDGES else None


def _draw(graph: network.SocialGraph, found: network.Communities, names: dict[Any, str]) -> str:
    import networkx as nx

    g = graph.undirected()
    degree = np.bincount(g.src, minlength=g.n_nodes) + np.bincount(g.dst, minlength=g.n_nodes)
    keep = np.argsort(-degree, kind="stable")[:DRAW_NODES]
    inside = np.zeros(g.n_nodes, dtype=bool)
    inside[keep] = True
    both = inside[g.src] & inside[g.dst]
    sub = nx.Graph()
    sub.add_nodes_from(keep.tolist())
    sub.add_weighted_edges_from(
        zip(g.src[both].tolist(), g.dst[both].tolist(), g.weight[both].tolist(), strict=True)
    )
    layout = nx.spring_layout(sub, seed=0, weight="weight")
    fig, ax = _new_figure(7.5, 6)
    membership = found.membership.to_numpy()
    for u, v in sub.edges():
        ax.plot(*zip(layout[u], layout[v], strict=True), color="#bbb", lw=0.5, zorder=1)
    nodes = list(sub.nodes())
    xy = np.array([layout[n] for n in nodes])
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        c=membership[nodes] % 10,
        cmap="tab10",
        s=20 + 8 * np.sqrt(degree[nodes]),
        zorder=2,
    )
    for n in nodes[:40] if len(nodes) > 40 else nodes:
        ax.annotate(str(names.get(g.nodes[n], g.nodes[n])), layout[n], fontsize=6)
    ax.set_axis_off()
    return _figure(fig, _("The network's communities, coloured by group"))


# ----------------------------------------------------------------------- page

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;
max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}
th{background:#f4f4f4}figure{margin:1rem 0}img{max-width:100%;height:auto}
.note{color:#444;font-size:.9rem}
@media (prefers-color-scheme:dark){body{background:#161616;color:#eee}
th{background:#2a2a2a}th,td{border-color:#444}.note{color:#bbb}img{background:#fff}}
"""


def _page(data: ReportData, body: str) -> str:
    title = _("DeepCommons community report")
    generated = _("Generated %(when)s from %(events)d events.") % {
        "when": f"{data.now:%Y-%m-%d %H:%M} UTC",
        "events": len(data.events),
    }
    return (
        "<!doctype html>\n"
        f'<html lang="{_esc(get_language() or "en")}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title><style>{STYLE}</style></head>"
        f"<body><main><h1>{_esc(title)}</h1><p>{_esc(generated)}</p>{body}</main></body></html>\n"
    )
