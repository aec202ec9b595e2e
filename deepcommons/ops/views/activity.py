"""Activity and churn: segments and their flow, clusters, retention, members at churn risk."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from deepcommons.analytics.report.members import cluster_description, segment_label
from deepcommons.ops.charts import Chart, Series, format_value
from deepcommons.ops.views.common import PageView

PER_SPACE = True
#: Members at risk shown (and exported, and offered the digest) unless ?top= says otherwise.
DEFAULT_TOP = 25


def parse_top(request: HttpRequest, available: int, messages: list[str]) -> int:
    """The ?top= count, within 1 … available (bad input: a message and the default)."""
    raw = request.GET.get("top", request.POST.get("top", ""))
    top = DEFAULT_TOP
    if raw.strip():
        try:
            top = int(raw)
            if top < 1:
                raise ValueError
        except ValueError:
            messages.append(
                _("“%(top)s” is not a number of members; showing %(n)d.")
                % {"top": raw[:20], "n": DEFAULT_TOP}
            )
            top = DEFAULT_TOP
    return max(1, min(top, max(available, 1)))


def at_risk_members(data: dict[str, Any], top: int) -> list[dict[str, Any]]:
    churn = data.get("churn", {})
    return list(churn.get("members", []))[:top]


def at_risk_head() -> list[str]:
    return [
        _("rank"),
        _("member"),
        _("contribution"),
        _("probability still active"),
        _("contribution at risk"),
        _("repeat active days"),
        _("expected active days, next 4 weeks"),
        _("last active (UTC)"),
    ]


def at_risk_row(rank: int, member: dict[str, Any]) -> list[Any]:
    return [
        rank,
        member["username"],
        member["value"],
        member["p_alive"],
        member["risk"],
        member["frequency"],
        member["expected"],
        member["last_active"],
    ]


def shown_row(row: list[Any]) -> list[str]:
    rank, name, value, p_alive, risk, frequency, expected, last = row
    return [
        str(rank),
        str(name),
        format_value(value),
        format_value(p_alive, percent=True),
        format_value(risk),
        format_value(frequency),
        format_value(expected),
        str(last),
    ]


def _segment_charts(data: dict[str, Any]) -> dict[str, Chart]:
    segments = data["segments"]
    names = [segment_label(n) for n in segments["names"]]
    series = [Series(_("now"), segments["now"])]
    if segments["previous"] is not None:
        series.append(Series(_("30 days ago"), segments["previous"]))
    flow = segments["flow"]
    rows, columns = flow["rows"], flow["columns"]
    # Only the segments someone is in are nodes; ops.js finds a link's ends by
    # their position in `nodes`, so ids are positions.
    names_before = [_("%(segment)s (30 days ago)") % {"segment": segment_label(n)} for n in rows]
    names_after = [_("%(segment)s (now)") % {"segment": segment_label(n)} for n in columns]
    pairs = [
        (i, j, count)
        for i, row in enumerate(flow["counts"])
        for j, count in enumerate(row)
        if count
    ]
    keys = sorted({("a", i) for i, _j, _c in pairs}) + sorted({("b", j) for _i, j, _c in pairs})
    position = {key: index for index, key in enumerate(keys)}
    nodes = [
        {"id": index, "name": names_before[k] if side == "a" else names_after[k]}
        for index, (side, k) in enumerate(keys)
    ]
    links = [
        {"source": position[("a", i)], "target": position[("b", j)], "value": count}
        for i, j, count in pairs
    ]
    return {
        "segments": Chart(
            "segments",
            _("Members per RFM segment"),
            "bar",
            x=names,
            series=series,
            x_label=_("segment"),
            y_label=_("members"),
        ),
        "flow": Chart(
            "flow",
            _("How members moved between segments in the last 30 days"),
            "sankey",
            nodes=nodes,
            links=links,
            y_label=_("members"),
            extra={"source_label": _("30 days ago"), "target_label": _("now")},
        ),
    }


def _clusters(data: dict[str, Any]) -> tuple[Chart, list[dict[str, Any]], str]:
    part = data["clusters"]
    if "error" in part:
        reason = _("The members could not be clustered: %(why)s.") % {"why": part["error"]}
        return Chart("clusters", _("Activity clusters"), "bar", empty_reason=reason), [], reason
    rows = []
    for index, center in enumerate(part["centers"], start=1):
        rows.append(
            {
                "number": index,
                "description": cluster_description(center["description"]),
                "recency": format_value(center["recency_days"]),
                "frequency": format_value(center["frequency"]),
                "value": format_value(center["monetary"]),
                "size": format_value(center["size"]),
            }
        )
    chart = Chart(
        "clusters",
        _("Members per activity cluster"),
        "bar",
        x=[f"{row['number']}. {row['description']}" for row in rows],
        series=[Series(_("members"), [c["size"] for c in part["centers"]])],
        x_label=_("cluster"),
        y_label=_("members"),
        note=_(
            "K-Means on log recency, frequency and contribution; k = %(k)d chosen by "
            "silhouette (%(s)s)."
        )
        % {"k": part["k"], "s": format_value(part["silhouette"])},
    )
    return chart, rows, ""


def _retention(data: dict[str, Any]) -> Chart:
    part = data["retention"]
    title = _("Weekly cohort retention")
    if "error" in part:
        return Chart(
            "retention",
            title,
            "heatmap",
            empty_reason=_("Retention could not be computed: %(why)s.") % {"why": part["error"]},
        )
    return Chart(
        "retention",
        title,
        "heatmap",
        x=[str(w) for w in part["weeks"]],
        y=[
            _("%(week)s (%(n)s members)") % {"week": c, "n": format_value(n)}
            for c, n in zip(part["cohorts"], part["sizes"], strict=True)
        ],
        values=part["rates"],
        x_label=_("weeks since first activity"),
        y_label=_("cohort (week of first activity)"),
        percent=True,
    )


def build(request: HttpRequest, view: PageView) -> dict[str, Any]:
    data = view.data
    messages: list[str] = []
    charts = _segment_charts(data)
    charts["clusters"], cluster_rows, cluster_problem = _clusters(data)
    charts["retention"] = _retention(data)
    churn = data["churn"]
    churn_problem = ""
    at_risk: list[list[str]] = []
    top = DEFAULT_TOP
    if "error" in churn:
        churn_problem = _("Churn risk could not be estimated: %(why)s.") % {"why": churn["error"]}
    else:
        top = parse_top(request, len(churn["members"]), messages)
        at_risk = [
            shown_row(at_risk_row(rank, m))
            for rank, m in enumerate(at_risk_members(data, top), start=1)
        ]
    scope = view.space.slug if view.space else ""
    return {
        "charts": charts,
        "members": format_value(data["members"]),
        "clusters": cluster_rows,
        "cluster_problem": cluster_problem,
        "churn_problem": churn_problem,
        "at_risk_head": at_risk_head(),
        "at_risk": at_risk,
        "at_risk_total": format_value(churn.get("members_at_risk", 0)),
        "top": top,
        "scope": scope,
        "page_messages": messages,
    }
