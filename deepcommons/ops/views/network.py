"""Social network: communities with their members and tags, influencers, brokers,
and one community drawn as a graph (`?community=<n>`, 1 = the largest).

The drawing is an ECharts graph placed at the snapshot's spring-layout
positions; the same positions draw an inline SVG (presentation attributes
only, for the CSP) and the chart's table lists the members, so the page
works without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from deepcommons.ops.charts import Chart, format_value
from deepcommons.ops.views.common import PageView

PER_SPACE = True
SVG_WIDTH = 640
SVG_HEIGHT = 420
SVG_MARGIN = 24


@dataclass(frozen=True)
class SvgNode:
    x: float
    y: float
    r: float
    label: str
    title: str


@dataclass(frozen=True)
class SvgEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


def graph_names() -> dict[str, str]:
    return {"follow": _("follow graph"), "interaction": _("interaction graph")}


def _community(raw: str, count: int, messages: list[str]) -> int:
    """The 0-based community asked for as 1-based `raw`; 0 when absent or bad."""
    raw = raw.strip()
    if not raw:
        return 0
    if not raw.isdigit() or not 1 <= int(raw) <= count:
        messages.append(
            _("There is no community “%(value)s”: pick a number from 1 to %(n)d.")
            % {"value": raw[:40], "n": count}
        )
        return 0
    return int(raw) - 1


def _size(degree: int, largest: int) -> float:
    return 6 + 18 * (degree / largest) ** 0.5 if largest else 8


def svg(drawing: dict[str, Any]) -> tuple[list[SvgNode], list[SvgEdge]]:
    """The drawing scaled into the SVG's view box."""
    nodes = drawing["nodes"]
    xs = [n["x"] for n in nodes] or [0.0]
    ys = [n["y"] for n in nodes] or [0.0]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0

    def place(n: dict[str, Any]) -> tuple[float, float]:
        if len(nodes) == 1:
            return SVG_WIDTH / 2, SVG_HEIGHT / 2
        x = SVG_MARGIN + (n["x"] - min(xs)) / span_x * (SVG_WIDTH - 2 * SVG_MARGIN)
        y = SVG_MARGIN + (n["y"] - min(ys)) / span_y * (SVG_HEIGHT - 2 * SVG_MARGIN)
        return round(x, 1), round(y, 1)

    points = [place(n) for n in nodes]
    largest = max((n["degree"] for n in nodes), default=0)
    heaviest = max((w or 1 for _u, _v, w in drawing["edges"]), default=1)
    edges = [
        SvgEdge(
            points[u][0],
            points[u][1],
            points[v][0],
            points[v][1],
            round(0.5 + 2 * (w or 1) / heaviest, 2),
        )
        for u, v, w in drawing["edges"]
    ]
    shown = [
        SvgNode(
            x,
            y,
            round(_size(n["degree"], largest) / 2, 1),
            n["username"] if i < 30 else "",
            _("%(name)s: %(ties)s ties") % {"name": n["username"], "ties": n["degree"]},
        )
        for i, (n, (x, y)) in enumerate(zip(nodes, points, strict=True))
    ]
    return shown, edges


def graph_chart(drawing: dict[str, Any], number: int, draw_nodes: int) -> Chart:
    nodes = drawing["nodes"]
    largest = max((n["degree"] for n in nodes), default=0)
    group = _("community %(n)d") % {"n": number}
    note = ""
    if drawing["members"] > len(nodes):
        note = _(
            "Only the %(shown)d best-connected of its %(members)d members are drawn "
            "(at most %(cap)d)."
        ) % {"shown": len(nodes), "members": drawing["members"], "cap": draw_nodes}
    return Chart(
        "community",
        _("Community %(n)d") % {"n": number},
        "graph",
        nodes=[
            {
                "id": n["id"],
                "name": n["username"],
                "group": group,
                "size": round(_size(n["degree"], largest), 1),
                "value": n["pagerank"],
                "x": n["x"],
                "y": n["y"],
                "row": [n["username"], n["degree"], n["pagerank"]],
            }
            for n in nodes
        ],
        links=[
            {"source": nodes[u]["id"], "target": nodes[v]["id"], "value": w}
            for u, v, w in drawing["edges"]
        ],
        note=note,
        extra={"node_head": [_("member"), _("ties"), _("PageRank")]},
    )


def build(request: HttpRequest, view: PageView) -> dict[str, Any]:
    data = view.data
    messages: list[str] = []
    communities = data["communities"]
    drawings = data["drawings"]
    chosen = _community(request.GET.get("community", ""), len(communities), messages)
    charts: dict[str, Chart] = {}
    svg_nodes: list[SvgNode] = []
    svg_edges: list[SvgEdge] = []
    if chosen < len(drawings):
        drawing = drawings[chosen]
        charts["community"] = graph_chart(drawing, chosen + 1, data["draw_nodes"])
        svg_nodes, svg_edges = svg(drawing)
    else:
        messages.append(
            _("Only the %(n)d largest communities are drawn; showing its members instead.")
            % {"n": len(drawings)}
        )
    names = graph_names()
    summary_keys = [
        ("people", _("people")),
        ("ties", _("ties")),
        ("density", _("density")),
        ("clustering", _("average clustering")),
        ("components", _("components")),
        ("largest_component", _("largest component")),
    ]
    summary_head = [names[key] for key in data["summary"]]
    summary_rows = [
        (label, [format_value(data["summary"][g][key]) for g in data["summary"]])
        for key, label in summary_keys
    ]
    return {
        "charts": charts,
        "page_messages": messages,
        "graph_name": names[data["graph"]],
        "modularity": format_value(data["modularity"]),
        "summary_head": summary_head,
        "summary_rows": summary_rows,
        "communities": [
            {
                "number": i + 1,
                "size": format_value(c["size"]),
                "ties": format_value(c["ties"]),
                "tags": c["tags"],
                "members": c["members"],
                "drawn": i < len(drawings),
            }
            for i, c in enumerate(communities)
        ],
        "chosen": chosen + 1,
        "chosen_members": communities[chosen]["members"] if communities else [],
        "svg_nodes": svg_nodes,
        "svg_edges": svg_edges,
        "svg_width": SVG_WIDTH,
        "svg_height": SVG_HEIGHT,
        "influencers": [dict(row, shown=format_value(row["score"])) for row in data["influencers"]],
        "followed": [dict(row, shown=format_value(row["score"])) for row in data["followed"]],
        "brokers": [
            dict(
                row,
                betweenness_shown=format_value(row["betweenness"]),
                constraint_shown=format_value(row["constraint"]),
            )
            for row in data["brokers"]
        ]
        if data["brokers"] is not None
        else None,
    }
