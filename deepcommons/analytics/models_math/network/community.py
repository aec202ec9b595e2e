"""Community detection (Louvain, Leiden, label propagation, Girvan–Newman, spectral).

Also Newman's modularity, which scores a partition the same way for every method.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components

from deepcommons.analytics.models_math.network.graph import (
    Backend,
    SocialGraph,
    as_social_graph,
    choose_backend,
)

CommunityMethod = Literal["louvain", "leiden", "label_propagation", "girvan_newman", "spectral"]


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph draws from Python's `random`: seed it for this call only."""
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


@dataclass(frozen=True, eq=False)
class Communities:
    """A partition: `membership` maps node → community (0 = largest community)."""

    method: str
    backend: str
    membership: pd.Series = field(repr=False)
    sizes: list[int]
    modularity: float

    @property
    def n(self) -> int:
        return len(self.sizes)

    def groups(self) -> list[list[Any]]:
        """Node labels of each community, largest first."""
        return [list(members.index) for _, members in self.membership.groupby(self.membership)]


def modularity(graph: Any, membership: np.ndarray | pd.Series) -> float:
    """Newman's weighted modularity Q = Σ_c [w_in(c)/W − (s(c)/2W)²] on the undirected graph."""
    g = as_social_graph(graph).undirected()
    labels = np.asarray(membership)
    total = g.weight.sum()
    if total == 0:
        return 0.0
    same = labels[g.src] == labels[g.dst]
    _, codes = np.unique(labels, return_inverse=True)
    strength = np.bincount(g.src, g.weight, g.n_nodes) + np.bincount(g.dst, g.weight, g.n_nodes)
    community_strength = np.bincount(codes, strength)
    return float(g.weight[same].sum() / total - ((community_strength / (2 * total)) ** 2).sum())


def _relabel(groups: list[Iterable[int]], n: int) -> np.ndarray:
    """Membership array with communities numbered by size (largest 0), then first member."""
    ordered = sorted((sorted(group) for group in groups), key=lambda grp: (-len(grp), grp[0]))
    membership = np.full(n, -1, dtype=np.int64)
    for label, group in enumerate(ordered):
        membership[list(group)] = label
    if (membership < 0).any():
        raise ValueError("community detection left some nodes without a community")
    return membership


def communities(
    graph: Any,
    method: CommunityMethod | None = None,
    n: int | None = None,
    seed: int = 0,
    *,
    backend: Backend | None = None,
) -> Communities:
    """Partition the (undirected version of the) graph into communities.

    Without `n`: louvain (default), leiden (igraph's; networkx has none, so the
    igraph one runs for both backends) or label_propagation.
    With `n` (that many groups): girvan_newman (default up to 5,000 edges:
    remove the highest-betweenness edge until n components; a graph that
    already has more components keeps them all) or spectral (the
    sign of the Fiedler vector of the Laplacian for n = 2, spectral clustering
    of the normalised Laplacian's n leading eigenvectors otherwise).
    """
    g = as_social_graph(graph).undirected()
    engine = choose_backend(g, backend)
    if g.n_nodes == 0:
        raise ValueError("the graph has no nodes")
    if n is not None:
        if not 1 <= n <= g.n_nodes:
            raise ValueError(f"n must be between 1 and the number of nodes ({g.n_nodes})")
        method = method or ("girvan_newman" if g.n_edges <= 5000 else "spectral")
        if method not in ("girvan_newman", "spectral"):
            raise ValueError("with n, use method='girvan_newman' or 'spectral'")
    method = method or "louvain"
    if method == "louvain":
        groups = _louvain(g, engine, seed)
    elif method == "leiden":
        groups = _leiden(g, seed)
    elif method == "label_propagation":
        groups = _label_propagation(g, engine, seed)
    elif method == "girvan_newman":
        groups = _girvan_newman(g, engine, n or 2)
    elif method == "spectral":
        groups = _spectral(g, n or 2, seed)
    else:
        raise ValueError(
            f"unknown method {method!r}: use louvain, leiden, label_propagation, "
            "girvan_newman or spectral"
        )
    membership = _relabel(groups, g.n_nodes)
    return Communities(
        method=method,
        backend="igraph" if method == "leiden" else engine,
        membership=pd.Series(membership, index=pd.Index(g.nodes, name="node"), name="community"),
        sizes=np.bincount(membership).tolist(),
        modularity=modularity(g, membership),
    )


def _louvain(g: SocialGraph, engine: Backend, seed: int) -> list[Iterable[int]]:
    if engine == "igraph":
        with _seeded(seed):
            clustering = g.to_igraph().community_multilevel(weights="weight")
        return [list(c) for c in clustering]
    return list(nx.community.louvain_communities(g.to_networkx(), weight="weight", seed=seed))


def _leiden(g: SocialGraph, seed: int) -> list[Iterable[int]]:
    with _seeded(seed):
        clustering = g.to_igraph().community_leiden(
            objective_function="modularity", weights="weight", n_iterations=-1
        )
    return [list(c) for c in clustering]


def _label_propagation(g: SocialGraph, engine: Backend, seed: int) -> list[Iterable[int]]:
    if engine == "igraph":
        with _seeded(seed):
            clustering = g.to_igraph().community_label_propagation(weights="weight")
        return [list(c) for c in clustering]
    return list(nx.community.asyn_lpa_communities(g.to_networkx(), weight="weight", seed=seed))


def _girvan_newman(g: SocialGraph, engine: Backend, n: int) -> list[Iterable[int]]:
    components = connected_components(g.adjacency(), directed=False)[0]
    if n <= components:
        # Already at least n pieces: merge nothing, split nothing.
        labels = connected_components(g.adjacency(), directed=False)[1]
        return [np.flatnonzero(labels == c).tolist() for c in range(components)]
    if engine == "igraph":
        dendrogram = g.to_igraph().community_edge_betweenness(directed=False, weights=None)
        return [list(c) for c in dendrogram.as_clustering(n)]
    for level in nx.community.girvan_newman(g.to_networkx()):
        if len(level) >= n:
            return [set(c) for c in level]
    raise ValueError(f"could not split the graph into {n} groups")


def _spectral(g: SocialGraph, n: int, seed: int) -> list[Iterable[int]]:
    from scipy.sparse.csgraph import laplacian
    from sklearn.cluster import KMeans

    adjacency = g.adjacency().astype(float)
    size = g.n_nodes
    if n == 1:
        return [list(range(size))]
    if n == 2:
        lap = laplacian(adjacency).toarray() if size <= 3000 else laplacian(adjacency)
        if size <= 3000:
            _, vectors = np.linalg.eigh(lap)
        else:
            from scipy.sparse.linalg import eigsh

            _, vectors = eigsh(lap, k=2, sigma=-1e-6, which="LM")
        fiedler = vectors[:, 1]
        # Orient the vector so the first node is on the non-negative side: stable labels.
        if fiedler[0] < 0:
            fiedler = -fiedler
        side = fiedler >= 0
        return [np.flatnonzero(side).tolist(), np.flatnonzero(~side).tolist()]
    lap = laplacian(adjacency, normed=True)
    if size <= 3000:
        _, vectors = np.linalg.eigh(lap.toarray())
        embedding = vectors[:, :n]
    else:
        from scipy.sparse.linalg import eigsh

        _, embedding = eigsh(lap, k=n, sigma=-1e-6, which="LM")
    norms = np.linalg.norm(embedding, axis=1, keepdims=True)
    embedding = embedding / np.where(norms > 0, norms, 1)
    labels = KMeans(n_clusters=n, n_init=10, random_state=seed).fit_predict(embedding)
    return [np.flatnonzero(labels == c).tolist() for c in range(n) if (labels == c).any()]
