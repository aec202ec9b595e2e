"""Centrality scores and the most central nodes (influencers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from deepcommons.analytics.models_math.network.graph import (
    Backend,
    SocialGraph,
    as_social_graph,
    choose_backend,
)

CentralityMethod = Literal["pagerank", "betweenness", "eigenvector", "degree"]


@dataclass(frozen=True, eq=False)
class Ranking:
    """Nodes ranked by a centrality: `top` holds the k best, `scores` every node."""

    method: str
    backend: str
    top: pd.DataFrame
    scores: pd.Series = field(repr=False)


def centrality(
    graph: Any, method: CentralityMethod = "pagerank", *, backend: Backend | None = None
) -> pd.Series:
    """A centrality score for every node, indexed by node label.

    - pagerank: damping 0.85, weighted, follows edge direction;
    - betweenness: unweighted shortest paths, normalised by (n−1)(n−2) (÷2 if undirected);
    - eigenvector: weighted, undirected version, scaled so the largest is 1;
    - degree: in-degree for a directed graph (followers), weighted degree otherwise.
    """
    g = as_social_graph(graph)
    engine = choose_backend(g, backend)
    n = g.n_nodes
    if n == 0:
        raise ValueError("the graph has no nodes")
    if method == "degree":
        if g.directed:
            values = np.bincount(g.dst, minlength=n).astype(float)
        else:
            values = np.bincount(g.src, g.weight, n) + np.bincount(g.dst, g.weight, n)
    elif method == "pagerank":
        values = _pagerank(g, engine)
    elif method == "betweenness":
        values = _betweenness(g, engine)
    elif method == "eigenvector":
        values = _eigenvector(g.undirected(), engine)
    else:
        raise ValueError(
            f"unknown method {method!r}: use pagerank, betweenness, eigenvector or degree"
        )
    return pd.Series(values, index=pd.Index(g.nodes, name="node"), name=method)


def _pagerank(g: SocialGraph, engine: Backend) -> np.ndarray:
    if engine == "igraph":
        return np.asarray(
            g.to_igraph().pagerank(damping=0.85, weights="weight", directed=g.directed)
        )
    scores = nx.pagerank(g.to_networkx(), alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
    return np.array([scores[i] for i in range(g.n_nodes)])


def _betweenness(g: SocialGraph, engine: Backend) -> np.ndarray:
    n = g.n_nodes
    if engine == "igraph":
        raw = np.asarray(g.to_igraph().betweenness(directed=g.directed, weights=None), dtype=float)
        scale = (n - 1) * (n - 2) / (1 if g.directed else 2)
        return raw / scale if scale > 0 else raw * 0
    scores = nx.betweenness_centrality(g.to_networkx(), normalized=True, weight=None)
    return np.array([scores[i] for i in range(n)])


def _eigenvector(g: SocialGraph, engine: Backend) -> np.ndarray:
    if g.n_edges == 0:
        return np.zeros(g.n_nodes)
    if engine == "igraph":
        values = np.asarray(g.to_igraph().eigenvector_centrality(scale=True, weights="weight"))
    else:
        scores = nx.eigenvector_centrality_numpy(g.to_networkx(), weight="weight")
        values = np.abs(np.array([scores[i] for i in range(g.n_nodes)]))
    top = values.max()
    return values / top if top > 0 else values


def influencers(
    graph: Any,
    k: int = 10,
    method: CentralityMethod = "pagerank",
    *,
    backend: Backend | None = None,
) -> Ranking:
    """The k most central nodes by `method` (ties broken by node order)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    g = as_social_graph(graph)
    engine = choose_backend(g, backend)
    scores = centrality(g, method, backend=engine)
    order = np.argsort(-scores.to_numpy(), kind="stable")[:k]
    top = pd.DataFrame(
        {"node": scores.index[order], "score": scores.to_numpy()[order]},
        index=pd.RangeIndex(1, len(order) + 1, name="rank"),
    )
    return Ranking(method=method, backend=engine, top=top, scores=scores)
