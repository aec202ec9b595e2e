"""The report's social network section: summaries, communities, influencers, brokers.

`network_results` runs the models and returns plain results, `subgraph_layout`
places a graph's best-connected people for drawing; the report's
`social_network` draws them, and the operators' console (ops.snapshots.network)
calls the same functions.
"""

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


# --- results: shared with the console ---------------------------------------


@dataclass(frozen=True, eq=False)
class NetworkResults:
    """`graphs` maps "follow" / "interaction" to its graph (those with ties);
    communities, brokers and the drawing are of `main`, the interaction graph
    when there is one; `rankings[(graph key, method)]` is the top 10; `brokers`
    is None above `BETWEENNESS_MAX_NODES` people."""

    graphs: dict[str, network.SocialGraph]
    summaries: dict[str, network.GraphSummary]
    main: str
    communities: network.Communities
    rankings: dict[tuple[str, str], network.Ranking]
    brokers: network.BridgesAndBrokers | None

    @property
    def graph(self) -> network.SocialGraph:
        return self.graphs[self.main]


def network_results(data: ReportData, *, top: int = 10) -> NetworkResults:
    graphs: dict[str, network.SocialGraph] = {}
    if not data.follow_edges.empty:
        graphs["follow"] = network.follow_graph(data.follow_edges[["follower", "followee"]])
    if not data.interaction_edges.empty:
        graphs["interaction"] = network.interaction_graph(data.interaction_edges)
    if not graphs:
        raise ValueError(_("no follows or interactions between members yet"))
    summaries = {key: network.summary(g, backend=engine(g)) for key, g in graphs.items()}
    main = list(graphs)[-1]
    graph = graphs[main]
    found = network.communities(graph, "louvain", backend=engine(graph))
    rankings: dict[tuple[str, str], network.Ranking] = {}
    for key, g in graphs.items():
        methods: list[network.CentralityMethod] = ["pagerank", "degree"]
        if g.n_nodes <= BETWEENNESS_MAX_NODES:
            methods.append("betweenness")
        for method in methods:
            ranking = network.influencers(g, k=top, method=method, backend=engine(g))
            rankings[(key, method)] = ranking
    brokers = None
    if graph.n_nodes <= BETWEENNESS_MAX_NODES:
        brokers = network.bridges_and_brokers(graph, k=top, backend=engine(graph))
    return NetworkResults(graphs, summaries, main, found, rankings, brokers)


@dataclass(frozen=True, eq=False)
class Layout:
    """The drawn part of a graph: node indices (best connected first), their
    degree in the whole graph, spring-layout positions in [-1, 1], and the
    undirected edges among them as index pairs with their weights."""

    nodes: np.ndarray
    degree: np.ndarray
    positions: np.ndarray
    edges: list[tuple[int, int, float]]


def subgraph_layout(
    graph: network.SocialGraph, *, among: np.ndarray | None = None, limit: int = DRAW_NODES
) -> Layout:
    """The `limit` best-connected nodes (of `among`, node indices, if given) and a layout."""
    import networkx as nx

    g = graph.undirected()
    degree = np.bincount(g.src, minlength=g.n_nodes) + np.bincount(g.dst, minlength=g.n_nodes)
    candidates = np.arange(g.n_nodes) if among is None else np.asarray(among, dtype=np.int64)
    keep = candidates[np.argsort(-degree[candidates], kind="stable")][:limit]
    inside = np.zeros(g.n_nodes, dtype=bool)
    inside[keep] = True
    both = inside[g.src] & inside[g.dst]
    sub = nx.Graph()
    sub.add_nodes_from(keep.tolist())
    edges = list(
        zip(g.src[both].tolist(), g.dst[both].tolist(), g.weight[both].tolist(), strict=True)
    )
    sub.add_weighted_edges_from(edges)
    layout = nx.spring_layout(sub, seed=0, weight="weight") if len(keep) else {}
    positions = np.array([layout[n] for n in keep.tolist()]).reshape(-1, 2)
    return Layout(nodes=keep, degree=degree[keep], positions=positions, edges=edges)


# --- the report: drawing the results ----------------------------------------


def social_network(data: ReportData) -> Network:
    names = usernames(data)
    results = network_results(data)
    titles = {"follow": _("Follow graph"), "interaction": _("Interaction graph")}
    summaries = {}
    for key, s in results.summaries.items():
        summaries[titles[key]] = {
            _("people"): s.n_nodes,
            _("ties"): s.n_edges,
            _("density"): s.density,
            _("average clustering"): s.average_clustering,
            _("assortativity"): s.assortativity,
            _("components"): s.components,
            _("largest component"): s.largest_component,
            _("diameter"): s.diameter,
        }
    found = results.communities
    note = _("Louvain communities of the %(graph)s: %(n)d groups, modularity %(q).3f.") % {
        "graph": titles[results.main].lower(),
        "n": found.n,
        "q": found.modularity,
    }
    rankings = {
        f"{titles[key]}: {method}": [names.get(n, n) for n in ranking.top["node"]]
        for (key, method), ranking in results.rankings.items()
    }
    brokers = None
    if results.brokers is not None:
        bb = results.brokers
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
        chart=_draw(results.graph, found, names),
        influencers=table(
            pd.DataFrame({k: pd.Series(v) for k, v in rankings.items()}), index=False
        ),
        brokers=brokers,
    )


def _draw(graph: network.SocialGraph, found: network.Communities, names: dict[Any, str]) -> Chart:
    drawn = subgraph_layout(graph)
    layout = dict(zip(drawn.nodes.tolist(), drawn.positions, strict=True))
    fig, ax = new_figure(7.5, 6)
    membership = found.membership.to_numpy()
    for u, v, _w in drawn.edges:
        ax.plot(*zip(layout[u], layout[v], strict=True), color="#bbb", lw=0.5, zorder=1)
    nodes = drawn.nodes.tolist()
    xy = drawn.positions
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        c=membership[nodes] % 10,
        cmap="tab10",
        s=20 + 8 * np.sqrt(drawn.degree),
        zorder=2,
    )
    for n in nodes[:40] if len(nodes) > 40 else nodes:
        ax.annotate(str(names.get(graph.nodes[n], graph.nodes[n])), layout[n], fontsize=6)
    ax.set_axis_off()
    return chart(fig, _("The network's communities, coloured by group"))
