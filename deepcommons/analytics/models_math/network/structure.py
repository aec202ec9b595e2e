"""What holds a network together (bridges, articulation points, brokers); whole-graph stats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components, shortest_path

from deepcommons.analytics.models_math.network.graph import (
    Backend,
    SocialGraph,
    as_social_graph,
    choose_backend,
)
from deepcommons.analytics.models_math.network.influence import centrality


@dataclass(frozen=True, eq=False)
class BridgesAndBrokers:
    """Edges and people that hold the network together.

    `bridges`: edges whose removal disconnects their component.
    `articulation_points`: nodes whose removal does.
    `brokers`: the top nodes by betweenness with Burt's constraint (low
    constraint = spans structural holes) and degree.
    """

    bridges: list[tuple[Any, Any]]
    articulation_points: list[Any]
    brokers: pd.DataFrame


def bridges_and_brokers(
    graph: Any, k: int = 10, *, backend: Backend | None = None
) -> BridgesAndBrokers:
    g = as_social_graph(graph).undirected()
    engine = choose_backend(g, backend)
    if engine == "igraph":
        ig_graph = g.to_igraph()
        bridge_edges = [ig_graph.es[e].tuple for e in ig_graph.bridges()]
        points = sorted(ig_graph.articulation_points())
        constraint = np.asarray(ig_graph.constraint(weights="weight"), dtype=float)
    else:
        nx_graph = g.to_networkx()
        bridge_edges = list(nx.bridges(nx_graph))
        points = sorted(nx.articulation_points(nx_graph))
        values = nx.constraint(nx_graph, weight="weight")
        constraint = np.array([values[i] for i in range(g.n_nodes)], dtype=float)
    bridges = sorted(tuple(sorted(edge)) for edge in bridge_edges)
    between = centrality(g, "betweenness", backend=engine).to_numpy()
    degree = np.bincount(g.src, minlength=g.n_nodes) + np.bincount(g.dst, minlength=g.n_nodes)
    order = np.argsort(-between, kind="stable")[:k]
    brokers = pd.DataFrame(
        {
            "node": g.nodes[order],
            "betweenness": between[order],
            "constraint": constraint[order],
            "degree": degree[order],
        }
    )
    return BridgesAndBrokers(
        bridges=[(g.nodes[u], g.nodes[v]) for u, v in bridges],
        articulation_points=[g.nodes[i] for i in points],
        brokers=brokers,
    )


@dataclass(frozen=True)
class GraphSummary:
    """Whole-graph statistics.

    density: edges / possible edges (ordered pairs if directed);
    average_clustering: mean local clustering (0 for degree < 2) and
    transitivity: global clustering, both on the undirected simple graph;
    assortativity: degree correlation across edges (out → in if directed);
    components: (weakly) connected components; diameter: of the largest
    component, exact up to 2,000 nodes, else a double-sweep lower bound.
    """

    n_nodes: int
    n_edges: int
    directed: bool
    density: float
    average_clustering: float
    transitivity: float
    assortativity: float
    components: int
    largest_component: int
    diameter: int
    diameter_exact: bool
    backend: str


def summary(graph: Any, *, backend: Backend | None = None) -> GraphSummary:
    g = as_social_graph(graph)
    engine = choose_backend(g, backend)
    n, m = g.n_nodes, g.n_edges
    if n == 0:
        raise ValueError("the graph has no nodes")
    pairs = n * (n - 1) if g.directed else n * (n - 1) / 2
    u = g.undirected()
    if engine == "igraph":
        ig_u = u.to_igraph()
        avg_clustering = float(ig_u.transitivity_avglocal_undirected(mode="zero"))
        transitivity = float(ig_u.transitivity_undirected(mode="zero"))
        assortativity = float(g.to_igraph().assortativity_degree(directed=g.directed))
    else:
        nx_u = u.to_networkx()
        avg_clustering = float(nx.average_clustering(nx_u)) if n else 0.0
        transitivity = float(nx.transitivity(nx_u))
        try:
            assortativity = float(nx.degree_assortativity_coefficient(g.to_networkx()))
        except (ZeroDivisionError, ValueError):
            assortativity = float("nan")
    count, labels = connected_components(u.adjacency(), directed=False)
    sizes = np.bincount(labels)
    largest = int(np.argmax(sizes))
    diameter, exact = _diameter(u, np.flatnonzero(labels == largest))
    return GraphSummary(
        n_nodes=n,
        n_edges=m,
        directed=g.directed,
        density=float(m / pairs) if pairs else 0.0,
        average_clustering=avg_clustering,
        transitivity=transitivity,
        assortativity=assortativity,
        components=int(count),
        largest_component=int(sizes[largest]),
        diameter=diameter,
        diameter_exact=exact,
        backend=engine,
    )


def _diameter(g: SocialGraph, members: np.ndarray, exact_up_to: int = 2000) -> tuple[int, bool]:
    """Unweighted diameter of the component `members`: exact when small, else double sweep."""
    adjacency = g.adjacency()[members][:, members]
    if len(members) <= 1:
        return 0, True
    if len(members) <= exact_up_to:
        distances = shortest_path(adjacency, unweighted=True, directed=False)
        return int(distances.max()), True
    degree = np.diff(adjacency.indptr)
    start = int(np.argmax(degree))
    best = 0
    for _ in range(4):
        distances = shortest_path(adjacency, unweighted=True, directed=False, indices=start)
        far = int(np.argmax(distances))
        best = max(best, int(distances[far]))
        start = far
    return best, False
