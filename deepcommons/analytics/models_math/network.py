"""Social-network analysis with two interchangeable engines, networkx and igraph.

Graphs are `SocialGraph` values: node labels plus integer edge arrays, which
convert cheaply to either library. Every function takes `backend="networkx"`
or `"igraph"`; the default is igraph above 50,000 edges and networkx below.
Both give the same numbers (the test suite checks it); where a result depends
on a heuristic's random choices (Louvain, Leiden, label propagation) the
partitions may differ but their modularity is computed the same way.

Conventions:
- the follow graph is directed, edge follower → followee, so PageRank and
  in-degree rank the followed; weights are 1;
- the interaction graph is undirected, weighted by the number of interactions;
- betweenness ignores weights (interaction counts are strengths, not lengths);
- eigenvector centrality, communities, bridges, brokers and clustering use the
  undirected version of a directed graph (reciprocal edges' weights summed).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components, shortest_path

IGRAPH_ABOVE_EDGES = 50_000
Backend = Literal["networkx", "igraph"]
CentralityMethod = Literal["pagerank", "betweenness", "eigenvector", "degree"]
CommunityMethod = Literal["louvain", "leiden", "label_propagation", "girvan_newman", "spectral"]


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


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph draws from Python's `random`: seed it for this call only."""
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


# -------------------------------------------------------------------- centrality


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


# ------------------------------------------------------------------- communities


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


# ------------------------------------------------------------ bridges and brokers


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


# ----------------------------------------------------------------------- summary


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
