"""Network analysis on Zachary's karate club, planted partitions, and backend agreement."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from deepcommons.analytics.models_math import network

BACKENDS = ["networkx", "igraph"]


@pytest.fixture(scope="module")
def karate() -> nx.Graph:
    """Zachary (1977), unweighted: 34 members, 78 ties (networkx's copy without weights)."""
    return nx.Graph(nx.karate_club_graph().edges())


@pytest.fixture(scope="module")
def factions() -> np.ndarray:
    club = nx.get_node_attributes(nx.karate_club_graph(), "club")
    return np.array([club[i] == "Mr. Hi" for i in range(34)])


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("method", ["pagerank", "betweenness", "eigenvector", "degree"])
def test_karate_leaders_are_the_top_influencers(
    karate: nx.Graph, backend: str, method: str
) -> None:
    """Zachary (1977): the club split between the instructor (member 1, node 0) and the
    administrator (member 34, node 33). Every centrality ranks one of them first and both
    in its top four."""
    ranking = network.influencers(karate, k=4, method=method, backend=backend)  # type: ignore[arg-type]
    top = ranking.top["node"].tolist()
    assert top[0] in (0, 33)
    assert {0, 33} <= set(top)
    assert ranking.backend == backend


def test_karate_betweenness_values(karate: nx.Graph) -> None:
    """Normalised betweenness of the leaders: 0.4376 (member 1) and 0.3041 (member 34)."""
    scores = network.centrality(karate, "betweenness")
    assert scores[0] == pytest.approx(0.43764, abs=1e-5)
    assert scores[33] == pytest.approx(0.30408, abs=1e-5)


@pytest.mark.parametrize("backend", BACKENDS)
def test_girvan_newman_splits_karate_like_the_real_club(
    karate: nx.Graph, factions: np.ndarray, backend: str
) -> None:
    """Girvan & Newman (2002), PNAS 99:7821, fig. 4: the first split of the karate club
    matches the factions except member 3, which sits between them. Against the clubs the
    members actually joined, member 9 differs too: Zachary (1977) notes that he sided with
    the administrator's faction but joined the instructor's club to keep his black-belt exam."""
    result = network.communities(karate, n=2, backend=backend)  # type: ignore[arg-type]
    assert result.method == "girvan_newman"
    assert result.n == 2
    side = (result.membership == result.membership[0]).reindex(range(34)).to_numpy()
    assert set(np.flatnonzero(side != factions)) == {2, 8}


@pytest.mark.parametrize("backend", BACKENDS)
def test_spectral_bisection_agrees_with_girvan_newman_on_karate(
    karate: nx.Graph, factions: np.ndarray, backend: str
) -> None:
    result = network.communities(karate, "spectral", n=2, backend=backend)  # type: ignore[arg-type]
    side = (result.membership == result.membership[0]).reindex(range(34)).to_numpy()
    assert set(np.flatnonzero(side != factions)) == {2, 8}


@pytest.mark.parametrize("backend", BACKENDS)
def test_louvain_on_karate_reaches_the_published_modularity(karate: nx.Graph, backend: str) -> None:
    """Blondel et al. (2008), J. Stat. Mech. P10008, table 1: Louvain finds Q = 0.42 on the
    karate club; the proven optimum is 0.4198 (Brandes et al. 2008, IEEE TKDE 20:172)."""
    result = network.communities(karate, "louvain", backend=backend)  # type: ignore[arg-type]
    assert 0.41 <= result.modularity <= 0.41979 + 1e-5
    assert 3 <= result.n <= 5
    assert sum(result.sizes) == 34
    assert result.sizes == sorted(result.sizes, reverse=True)


def test_leiden_on_karate_finds_the_optimal_partition(karate: nx.Graph) -> None:
    """The optimum (Brandes et al. 2008): four communities, Q = 0.41979."""
    result = network.communities(karate, "leiden")
    assert result.modularity == pytest.approx(0.41979, abs=1e-5)
    assert result.sizes == [12, 11, 6, 5]
    assert result.modularity == pytest.approx(
        nx.community.modularity(karate, result.groups()), abs=1e-12
    )


def test_karate_summary(karate: nx.Graph) -> None:
    """Density 78 / 561, diameter 5, strongly disassortative (leaders tie to many
    low-degree members)."""
    result = network.summary(karate)
    assert (result.n_nodes, result.n_edges, result.components) == (34, 78, 1)
    assert result.density == pytest.approx(78 / 561)
    assert result.diameter == 5 and result.diameter_exact
    assert result.average_clustering == pytest.approx(0.5706, abs=1e-4)
    assert result.transitivity == pytest.approx(0.2557, abs=1e-4)
    assert result.assortativity == pytest.approx(-0.4756, abs=1e-4)


def test_karate_bridges_and_brokers(karate: nx.Graph) -> None:
    """Member 12 hangs on member 1 alone: the only bridge, and member 1 the only cut point."""
    result = network.bridges_and_brokers(karate, k=3)
    assert result.bridges == [(0, 11)]
    assert result.articulation_points == [0]
    assert result.brokers["node"].tolist() == [0, 33, 32]
    assert (result.brokers["constraint"] < 0.3).all()


def _planted(groups: int, size: int, p_in: float, p_out: float, seed: int) -> nx.Graph:
    return nx.stochastic_block_model([size] * groups, _probs(groups, p_in, p_out), seed=seed)


def _probs(groups: int, p_in: float, p_out: float) -> list[list[float]]:
    return [[p_in if i == j else p_out for j in range(groups)] for i in range(groups)]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("method", ["louvain", "leiden", "label_propagation"])
def test_communities_recover_a_planted_partition(backend: str, method: str) -> None:
    """Five planted groups of 60 (p_in = 0.3, p_out = 0.005) are found exactly."""
    graph = _planted(5, 60, 0.3, 0.005, seed=2)
    truth = np.repeat(np.arange(5), 60)
    result = network.communities(graph, method, backend=backend)  # type: ignore[arg-type]
    assert adjusted_rand_score(truth, result.membership.to_numpy()) == 1.0
    assert result.sizes == [60] * 5


@pytest.mark.parametrize("backend", BACKENDS)
def test_spectral_and_girvan_newman_find_n_planted_groups(backend: str) -> None:
    graph = _planted(3, 25, 0.5, 0.01, seed=3)
    truth = np.repeat(np.arange(3), 25)
    for method in ("spectral", "girvan_newman"):
        result = network.communities(graph, method, n=3, backend=backend)  # type: ignore[arg-type]
        assert adjusted_rand_score(truth, result.membership.to_numpy()) == 1.0, method


def _random_weighted(directed: bool, seed: int) -> network.SocialGraph:
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, 300, size=(1500, 2))
    weights = rng.integers(1, 5, size=1500)
    frame = pd.DataFrame({"a": rows[:, 0], "b": rows[:, 1], "weight": weights})
    if directed:
        return network.follow_graph(frame[["a", "b"]])
    return network.interaction_graph(frame)


@pytest.mark.slow
@pytest.mark.parametrize("directed", [False, True])
def test_networkx_and_igraph_agree(directed: bool) -> None:
    """The same graph gives the same centralities, summary, bridges and brokers on both."""
    graph = _random_weighted(directed, seed=4)
    for method in ("pagerank", "betweenness", "eigenvector", "degree"):
        a = network.centrality(graph, method, backend="networkx")  # type: ignore[arg-type]
        b = network.centrality(graph, method, backend="igraph")  # type: ignore[arg-type]
        assert np.allclose(a, b, rtol=1e-6, atol=1e-9), method
    left = network.summary(graph, backend="networkx")
    right = network.summary(graph, backend="igraph")
    for name in ("density", "average_clustering", "transitivity", "assortativity"):
        assert getattr(left, name) == pytest.approx(getattr(right, name), abs=1e-9), name
    assert (left.components, left.diameter) == (right.components, right.diameter)
    x = network.bridges_and_brokers(graph, backend="networkx")
    y = network.bridges_and_brokers(graph, backend="igraph")
    assert x.bridges == y.bridges and x.articulation_points == y.articulation_points
    pd.testing.assert_frame_equal(x.brokers, y.brokers, rtol=1e-6)
    lou_nx = network.communities(graph, "louvain", backend="networkx")
    lou_ig = network.communities(graph, "louvain", backend="igraph")
    assert lou_nx.modularity == pytest.approx(lou_ig.modularity, abs=0.02)


def test_backend_defaults_to_igraph_above_fifty_thousand_edges() -> None:
    small = network.interaction_graph([(1, 2), (2, 3)])
    assert network.choose_backend(small, None) == "networkx"
    rng = np.random.default_rng(0)
    pairs = rng.integers(0, 20_000, size=(60_000, 2))
    big = network.interaction_graph(pd.DataFrame(pairs, columns=["source", "target"]))
    assert big.n_edges > 50_000
    assert network.choose_backend(big, None) == "igraph"
    assert network.influencers(big, 3).backend == "igraph"


def test_follow_graph_is_directed_and_drops_duplicates_and_self_follows() -> None:
    graph = network.follow_graph(
        [("ann", "bob"), ("ann", "bob"), ("bob", "bob"), ("cat", "bob")], nodes=["dan"]
    )
    assert graph.directed and graph.n_edges == 2 and graph.n_nodes == 4
    assert set(graph.weight) == {1.0}
    followers = network.centrality(graph, "degree")
    assert followers["bob"] == 2 and followers["ann"] == 0 and followers["dan"] == 0


def test_interaction_graph_weights_are_counts_in_either_direction() -> None:
    graph = network.interaction_graph(
        pd.DataFrame({"source": ["a", "b", "a", "a"], "target": ["b", "a", "c", "a"]})
    )
    edges = {
        (graph.nodes[u], graph.nodes[v]): w
        for u, v, w in zip(graph.src, graph.dst, graph.weight, strict=True)
    }
    assert edges == {("a", "b"): 2.0, ("a", "c"): 1.0}
    strength = network.centrality(graph, "degree")
    assert strength.to_dict() == {"a": 3.0, "b": 2.0, "c": 1.0}


def test_bad_input_says_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="missing node ids"):
        network.follow_graph(pd.DataFrame({"follower": [1, None], "followee": [2, 3]}))
    with pytest.raises(ValueError, match="finite and not negative"):
        network.interaction_graph([(1, 2, -1.0)])
    graph = network.interaction_graph([(1, 2), (2, 3)])
    with pytest.raises(ValueError, match="unknown method"):
        network.centrality(graph, "closeness")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="backend must be"):
        network.summary(graph, backend="graph-tool")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n must be between"):
        network.communities(graph, n=10)
    with pytest.raises(ValueError, match="expected a SocialGraph"):
        network.summary([(1, 2)])


@pytest.mark.parametrize("method", ["pagerank", "betweenness", "eigenvector", "degree"])
def test_a_planted_hub_is_the_top_influencer(method: str) -> None:
    """A sparse random graph plus one person tied to 60 others: every centrality finds them
    (on the follow graph too, for the measures that follow direction)."""
    rng = np.random.default_rng(6)
    pairs = [(int(a), int(b)) for a, b in rng.integers(0, 200, size=(400, 2))]
    pairs += [(int(v), 999) for v in rng.choice(200, 60, replace=False)]
    ties = network.interaction_graph(pairs)
    assert network.influencers(ties, k=1, method=method).top["node"].tolist() == [999]  # type: ignore[arg-type]
    if method in ("pagerank", "degree"):
        follows = network.follow_graph(pairs)
        assert network.influencers(follows, k=1, method=method).top["node"].tolist() == [999]  # type: ignore[arg-type]


def test_summary_recovers_the_parameters_of_a_random_graph() -> None:
    """G(n, p) with n = 2,000, p = 0.005: density ≈ p, clustering ≈ p, assortativity ≈ 0."""
    graph = nx.fast_gnp_random_graph(2000, 0.005, seed=7)
    result = network.summary(graph)
    assert result.density == pytest.approx(0.005, rel=0.05)
    assert result.transitivity == pytest.approx(0.005, abs=0.002)
    assert abs(result.assortativity) < 0.05
    assert result.largest_component > 0.95 * 2000
