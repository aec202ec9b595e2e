"""The report's social network section: summaries, communities, influencers, brokers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from deepcommons.analytics.models_math import network
from deepcommons.analytics.report.blocks import (
    Chart,
    ReportData,
    Table,
    chart,
    new_figure,
    table,
    usernames,
)

#: Above this many people the report skips betweenness-based measures (O(n·m)).
BETWEENNESS_MAX_NODES = 5_000
#: Above this many ties the report computes with igraph, which is faster once loaded.
IGRAPH_ABOVE_EDGES = 1_000
#: How many people the graph drawing shows.
DRAW_NODES = 150


@dataclass(frozen=True)
class Brokers:
    note: str
    people: Table


@dataclass(frozen=True)
class Network:
    summary: Table
    note: str
    chart: Chart
    influencers: Table
    brokers: Brokers | None


def engine(graph: network.SocialGraph) -> network.Backend | None:
    return "igraph" if graph.n_edges > IGRAPH_ABOVE_EDGES else None


def social_network(data: ReportData) -> Network:
    names = usernames(data)
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
        s = network.summary(graph, backend=engine(graph))
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
    title, graph = graphs[-1]
    found = network.communities(graph, "louvain", backend=engine(graph))
    note = _("Louvain communities of the %(graph)s: %(n)d groups, modularity %(q).3f.") % {
        "graph": title.lower(),
        "n": found.n,
        "q": found.modularity,
    }
    rankings = {}
    for graph_title, g in graphs:
        methods: list[network.CentralityMethod] = ["pagerank", "degree"]
        if g.n_nodes <= BETWEENNESS_MAX_NODES:
            methods.append("betweenness")
        for method in methods:
            top = network.influencers(g, k=10, method=method, backend=engine(g)).top
            rankings[f"{graph_title}: {method}"] = [names.get(n, n) for n in top["node"]]
    brokers = None
    if graph.n_nodes <= BETWEENNESS_MAX_NODES:
        bb = network.bridges_and_brokers(graph, k=10, backend=engine(graph))
        people = bb.brokers.assign(node=[names.get(n, n) for n in bb.brokers["node"]])
        brokers = Brokers(
            note=_(
                "High betweenness and low constraint: people who connect groups. "
                "%(bridges)d bridge ties, %(points)d cut points."
            )
            % {"bridges": len(bb.bridges), "points": len(bb.articulation_points)},
            people=table(people, index=False),
        )
    return Network(
        summary=table(pd.DataFrame(summaries)),
        note=note,
        chart=_draw(graph, found, names),
        influencers=table(
            pd.DataFrame({k: pd.Series(v) for k, v in rankings.items()}), index=False
        ),
        brokers=brokers,
    )


def _draw(graph: network.SocialGraph, found: network.Communities, names: dict[Any, str]) -> Chart:
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
    fig, ax = new_figure(7.5, 6)
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
    return chart(fig, _("The network's communities, coloured by group"))
