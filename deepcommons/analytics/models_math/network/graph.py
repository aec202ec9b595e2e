"""Graphs as arrays (`SocialGraph`), built from follow or interaction edges; the backend choice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

IGRAPH_ABOVE_EDGES = 50_000
Backend = Literal["networkx", "igraph"]


@dataclass(frozen=True, eq=False)
class SocialGraph:
    """A graph as arrays: `nodes[i]` is node i's label; edge j is src[j] → dst[j]."""

    nodes: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    directed: bool

    @property
    def n_nodes(self) -> int:
        return len(self.nodes)

    @property
    def n_edges(self) -> int:
        return len(self.src)

    @cached_property
    def index(self) -> dict[Any, int]:
        return {label: i for i, label in enumerate(self.nodes.tolist())}

    def to_networkx(self) -> nx.Graph:
        g: nx.Graph = nx.DiGraph() if self.directed else nx.Graph()
        g.add_nodes_from(range(self.n_nodes))
        g.add_weighted_edges_from(
            zip(self.src.tolist(), self.dst.tolist(), self.weight.tolist(), strict=True)
        )
        return g

    def to_igraph(self) -> Any:
        import igraph as ig

        g = ig.Graph(
            n=self.n_nodes,
            edges=np.column_stack([self.src, self.dst]),
            directed=self.directed,
        )
        g.es["weight"] = self.weight.tolist()
        return g

    def undirected(self) -> SocialGraph:
        """The same graph without direction; weights of u→v and v→u are summed."""
        if not self.directed:
            return self
        return _aggregate(self.nodes, self.src, self.dst, self.weight, directed=False)

    def adjacency(self) -> sparse.csr_matrix:
        """Weighted adjacency matrix (symmetric for an undirected graph)."""
        n = self.n_nodes
        if self.directed:
            return sparse.csr_matrix((self.weight, (self.src, self.dst)), shape=(n, n))
        rows = np.concatenate([self.src, self.dst])
        cols = np.concatenate([self.dst, self.src])
        return sparse.csr_matrix((np.concatenate([self.weight, self.weight]), (rows, cols)), (n, n))

    def labels(self, indices: Iterable[int]) -> list[Any]:
        return [self.nodes[i] for i in indices]


def _aggregate(
    nodes: np.ndarray, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, *, directed: bool
) -> SocialGraph:
    """Drop self-loops and merge duplicate edges, summing weights."""
    keep = src != dst
    src, dst, weight = src[keep], dst[keep], weight[keep]
    if not directed:
        src, dst = np.minimum(src, dst), np.maximum(src, dst)
    n = max(len(nodes), 1)
    key = src.astype(np.int64) * n + dst.astype(np.int64)
    unique, inverse = np.unique(key, return_inverse=True)
    summed = np.bincount(inverse, weights=weight, minlength=len(unique))
    return SocialGraph(
        nodes=nodes,
        src=(unique // n).astype(np.int64),
        dst=(unique % n).astype(np.int64),
        weight=summed.astype(float),
        directed=directed,
    )


def _edge_frame(edges: Any, columns: tuple[str, str]) -> pd.DataFrame:
    if isinstance(edges, pd.DataFrame):
        frame = edges.copy()
        if not set(columns) <= set(frame.columns):
            if frame.shape[1] < 2:
                raise ValueError(f"edges need two columns, e.g. {columns}")
            frame = frame.rename(
                columns={frame.columns[0]: columns[0], frame.columns[1]: columns[1]}
            )
    else:
        rows = list(edges)
        if rows and len(rows[0]) not in (2, 3):
            raise ValueError("each edge must be (source, target) or (source, target, weight)")
        names = [*columns, "weight"] if rows and len(rows[0]) == 3 else list(columns)
        frame = pd.DataFrame(rows, columns=names)
    if frame[list(columns)].isna().any().any():
        raise ValueError("edges contain missing node ids")
    if "weight" not in frame:
        frame["weight"] = 1.0
    frame["weight"] = pd.to_numeric(frame["weight"], errors="raise").astype(float)
    if (frame["weight"] < 0).any() or not np.isfinite(frame["weight"]).all():
        raise ValueError("edge weights must be finite and not negative")
    return frame


def _build(edges: Any, columns: tuple[str, str], nodes: Iterable[Any] | None, *, directed: bool):
    frame = _edge_frame(edges, columns)
    ends = pd.concat([frame[columns[0]], frame[columns[1]]], ignore_index=True)
    extra = pd.Series(list(nodes)) if nodes is not None else pd.Series([], dtype=ends.dtype)
    labels = pd.unique(pd.concat([extra, ends], ignore_index=True))
    codes = pd.Index(labels)
    return _aggregate(
        np.asarray(labels, dtype=object),
        codes.get_indexer(frame[columns[0]]).astype(np.int64),
        codes.get_indexer(frame[columns[1]]).astype(np.int64),
        frame["weight"].to_numpy(float),
        directed=directed,
    )


def follow_graph(edges: Any, *, nodes: Iterable[Any] | None = None) -> SocialGraph:
    """Directed follow graph from (follower, followee) pairs or a DataFrame with those columns.

    Duplicate follows and self-follows are dropped; every weight is 1. `nodes`
    adds people who follow and are followed by nobody.
    """
    graph = _build(edges, ("follower", "followee"), nodes, directed=True)
    return SocialGraph(graph.nodes, graph.src, graph.dst, np.ones(graph.n_edges), True)


def interaction_graph(edges: Any, *, nodes: Iterable[Any] | None = None) -> SocialGraph:
    """Undirected interaction graph from (user, other_user[, weight]) rows.

    Each row is one interaction (or `weight` of them); an edge's weight is the
    total count between the two people in either direction. Self-interactions
    are dropped.
    """
    return _build(edges, ("source", "target"), nodes, directed=False)


def as_social_graph(graph: Any) -> SocialGraph:
    """Accept a SocialGraph or a networkx graph (edge attribute `weight`, default 1)."""
    if isinstance(graph, SocialGraph):
        return graph
    if isinstance(graph, nx.Graph):
        if graph.is_multigraph():
            raise ValueError("multigraphs are not supported: aggregate edges into weights first")
        labels = list(graph.nodes())
        index = {label: i for i, label in enumerate(labels)}
        rows = [
            (index[u], index[v], float(d.get("weight", 1.0))) for u, v, d in graph.edges(data=True)
        ]
        arr = np.array(rows, dtype=float).reshape(-1, 3)
        return _aggregate(
            np.asarray(labels, dtype=object),
            arr[:, 0].astype(np.int64),
            arr[:, 1].astype(np.int64),
            arr[:, 2],
            directed=graph.is_directed(),
        )
    raise ValueError(f"expected a SocialGraph or a networkx graph, got {type(graph).__name__}")


def choose_backend(graph: SocialGraph, backend: Backend | None) -> Backend:
    if backend is None:
        return "igraph" if graph.n_edges > IGRAPH_ABOVE_EDGES else "networkx"
    if backend not in ("networkx", "igraph"):
        raise ValueError(f"backend must be 'networkx' or 'igraph', got {backend!r}")
    return backend
