"""Social network: communities of the interaction graph (the follow graph when
nobody has interacted yet), their members and tags, influencers and brokers,
and a laid-out drawing of each of the largest communities.

The models are the report's (`analytics.report.graph.network_results`,
`subgraph_layout`). A community's tags are those of the posts its members
interacted on: each answer, comment, vote or acceptance on a post (or on an
answer, which counts for its question) adds one to each of the thread's tags.

For a space, only the interactions on its posts count (follows are not per space).

Stored: `summary` per graph ("follow", "interaction"), `graph` (which one the
communities are of), `communities` (largest first: size, internal ties, top
tags with counts, top members by PageRank), `influencers` (PageRank),
`brokers` (betweenness with Burt's constraint; absent on big graphs), and
`drawings[i]` for the first `DRAWN_COMMUNITIES` communities: at most
`DRAW_NODES` members (the best connected), spring-layout positions in
[-1, 1], and their ties as index pairs.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd

from deepcommons.analytics.models import INTERACTION_KINDS
from deepcommons.analytics.models_math import network
from deepcommons.analytics.report import graph as report_graph
from deepcommons.ops.snapshots.inputs import Inputs
from deepcommons.posts.models import Post

NAME = "network"
PER_SPACE = True

TOP = 20
TOP_TAGS = 5
TOP_MEMBERS = 10
DRAWN_COMMUNITIES = 20
DRAW_NODES = 150

_tag_cache: dict[int, pd.DataFrame] = {}


def post_tags(inputs: Inputs) -> pd.DataFrame:
    """(post_id, tag) for every post, read once per `Inputs` (the recompute's data)."""
    key = id(inputs)
    if key not in _tag_cache:
        rows = Post.tags.through.objects.values_list("post_id", "tag__name")
        _tag_cache.clear()
        _tag_cache[key] = pd.DataFrame(list(rows.iterator()), columns=["post_id", "tag"])
    return _tag_cache[key]


def _round(value: Any, digits: int = 6) -> float | None:
    value = float(value)
    return round(value, digits) if np.isfinite(value) else None


def community_tags(inputs: Inputs, events: pd.DataFrame, membership: pd.Series) -> dict[int, Any]:
    """community → [(tag, count)] of the threads its members interacted on."""
    posts = inputs.posts
    root = posts["parent_id"].fillna(posts["post_id"]).astype(np.int64)
    root_of = pd.Series(root.to_numpy(), index=posts["post_id"].to_numpy())
    kinds = [str(kind) for kind in INTERACTION_KINDS]
    on_posts = events[
        events["kind"].isin(kinds)
        & (events["object_type"] == "posts.post")
        & events["object_id"].notna()
    ]
    acted = pd.DataFrame(
        {
            "community": on_posts["user_id"].map(membership).to_numpy(),
            "root": root_of.reindex(on_posts["object_id"].astype(np.int64)).to_numpy(),
        }
    ).dropna()
    tags = post_tags(inputs)
    joined = acted.astype(np.int64).merge(tags, left_on="root", right_on="post_id")
    counts = joined.groupby(["community", "tag"]).size().rename("n").reset_index()
    counts = counts.sort_values(["community", "n", "tag"], ascending=[True, False, True])
    return {
        int(c): [[str(t), int(n)] for t, n in zip(g["tag"], g["n"], strict=True)][:TOP_TAGS]
        for c, g in counts.groupby("community")
    }


def compute(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    report = inputs.scoped_report(space_id)
    if space_id is not None:
        # Follows are not per space: a space's page is its interaction graph alone
        # (and the community-wide follow graph is not recomputed for every space).
        report = dataclasses.replace(report, follow_edges=report.follow_edges.iloc[0:0])
    results = report_graph.network_results(report, top=TOP)
    names = dict(zip(inputs.report.users["user_id"], inputs.report.users["username"], strict=False))
    graph = results.graph
    found = results.communities
    membership = found.membership
    pagerank = network.centrality(graph, "pagerank", backend=report_graph.engine(graph))
    undirected = graph.undirected()
    degree = np.bincount(undirected.src, minlength=graph.n_nodes) + np.bincount(
        undirected.dst, minlength=graph.n_nodes
    )
    same = membership.to_numpy()[undirected.src] == membership.to_numpy()[undirected.dst]
    internal = np.bincount(membership.to_numpy()[undirected.src][same], minlength=found.n)
    tags = community_tags(inputs, report.events, membership)
    communities = []
    drawings = []
    for index in range(found.n):
        members = np.flatnonzero(membership.to_numpy() == index)
        ranked = members[np.argsort(-pagerank.to_numpy()[members], kind="stable")]
        communities.append(
            {
                "size": len(members),
                "ties": int(internal[index]),
                "tags": tags.get(index, []),
                "members": [
                    {"id": int(graph.nodes[i]), "username": str(names.get(graph.nodes[i], ""))}
                    for i in ranked[:TOP_MEMBERS]
                ],
            }
        )
        if index < DRAWN_COMMUNITIES:
            drawn = report_graph.subgraph_layout(graph, among=members, limit=DRAW_NODES)
            position = {node: i for i, node in enumerate(drawn.nodes.tolist())}
            drawings.append(
                {
                    "nodes": [
                        {
                            "id": int(graph.nodes[node]),
                            "username": str(names.get(graph.nodes[node], "")),
                            "degree": int(degree[node]),
                            "pagerank": _round(pagerank.iloc[node]),
                            "x": _round(x, 4),
                            "y": _round(y, 4),
                        }
                        for node, (x, y) in zip(
                            drawn.nodes.tolist(), drawn.positions.tolist(), strict=True
                        )
                    ],
                    "edges": [[position[u], position[v], _round(w, 3)] for u, v, w in drawn.edges],
                    "members": len(members),
                }
            )
    summaries = {
        key: {
            "people": s.n_nodes,
            "ties": s.n_edges,
            "density": _round(s.density),
            "clustering": _round(s.average_clustering),
            "components": s.components,
            "largest_component": s.largest_component,
        }
        for key, s in results.summaries.items()
    }

    def ranking(key: str, method: str) -> list[dict[str, Any]]:
        found_ranking = results.rankings.get((key, method))
        if found_ranking is None:
            return []
        return [
            {"id": int(node), "username": str(names.get(node, "")), "score": _round(score)}
            for node, score in zip(
                found_ranking.top["node"], found_ranking.top["score"], strict=True
            )
        ]

    brokers = None
    if results.brokers is not None:
        frame = results.brokers.brokers
        brokers = [
            {
                "id": int(row.node),
                "username": str(names.get(row.node, "")),
                "betweenness": _round(row.betweenness),
                "constraint": _round(row.constraint),
                "degree": int(row.degree),
            }
            for row in frame.itertuples()
        ]
    return {
        "graph": results.main,
        "summary": summaries,
        "modularity": _round(found.modularity),
        "communities": communities,
        "drawings": drawings,
        "influencers": ranking(results.main, "pagerank"),
        "followed": ranking("follow", "pagerank") if results.main != "follow" else [],
        "brokers": brokers,
        "draw_nodes": DRAW_NODES,
    }
