"""Analytics benchmark: times on synthetic data, printed, never asserted.

    .venv/bin/python bench/bench_analytics.py           # full size (minutes; run it rarely)
    .venv/bin/python bench/bench_analytics.py --quick   # a tenth of the size, seconds

Targets from the analytics issue (full size): RFM + clustering of 1,000,000
users < 10 s; BG/NBD on 100,000 users < 10 s; PageRank and Louvain on a
1,000,000-edge graph with igraph, networkx's time beside it as a ratio; the
whole HTML report on 100,000 users < 2 minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(label: str, func: Callable[[], Any], target: float | None = None) -> tuple[float, Any]:
    started = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - started
    goal = f"  (target < {target:g} s: {'ok' if elapsed < target else 'SLOW'})" if target else ""
    print(f"{label:<52} {elapsed:8.2f} s{goal}", flush=True)
    return elapsed, result


def synthetic_events(users: int, *, days: int = 180, seed: int = 0) -> pd.DataFrame:
    """An event log in the shape of `frames.load_events`: BG/NBD-like activity per user."""
    rng = np.random.default_rng(seed)
    joined = rng.integers(0, days - 1, users)
    rate = rng.gamma(0.6, 1 / 4, users)  # active days per day while alive
    lifetime = rng.exponential(60, users)
    alive_days = np.minimum(days - joined, lifetime)
    active_days = 1 + rng.poisson(rate * alive_days)
    user = np.repeat(np.arange(1, users + 1), active_days)
    offset = rng.random(len(user)) * np.repeat(alive_days, active_days)
    offset[np.r_[0, np.cumsum(active_days)[:-1]]] = 0  # the first event is on the joining day
    day = np.repeat(joined, active_days) + offset
    start = pd.Timestamp("2025-01-01", tz="UTC")
    kinds = np.array(["visit", "vote", "comment", "answer", "post", "follow", "search"])
    kind = kinds[rng.choice(len(kinds), len(user), p=[0.45, 0.2, 0.12, 0.06, 0.04, 0.05, 0.08])]
    interacting = np.isin(kind, ["vote", "comment", "answer", "follow"])
    target = np.where(interacting, rng.zipf(1.6, len(user)) % users + 1, -1)
    on_post = np.isin(kind, ["vote", "comment", "answer"])
    post = np.where(on_post, rng.zipf(1.4, len(user)) % 5000 + 1, -1)
    frame = pd.DataFrame(
        {
            "user_id": user,
            "kind": kind,
            "timestamp": start + pd.to_timedelta(day, unit="D"),
            "target_user_id": pd.array(np.where(target > 0, target, 0), dtype="Int64"),
            "object_type": np.where(on_post, "posts.post", ""),
            "object_id": pd.array(np.where(post > 0, post, 0), dtype="Int64"),
            "value": 1.0,
        }
    )
    frame.loc[target <= 0, "target_user_id"] = pd.NA
    frame.loc[post <= 0, "object_id"] = pd.NA
    return frame.sort_values("timestamp", kind="stable").reset_index(drop=True)


def bench_rfm_and_clusters(users: int) -> None:
    from deepcommons.analytics.models_math import activity

    events = synthetic_events(users)
    print(f"  {users:,} users, {len(events):,} events")
    now = events["timestamp"].max() + pd.Timedelta(hours=1)
    t_rfm, result = timed("RFM", lambda: activity.rfm(events, now))
    features = np.log1p(result.table[["recency_days", "frequency", "monetary"]])
    t_cluster, clusters = timed(
        "K-Means, k chosen by silhouette (2–10)", lambda: activity.cluster(features)
    )
    total = t_rfm + t_cluster
    print(
        f"{'RFM + clustering of ' + format(users, ',') + ' users':<52} {total:8.2f} s"
        f"  (target < {10 * users / 1_000_000:g} s at this size) k={clusters.k}"
    )


def bench_bgnbd(users: int) -> None:
    from deepcommons.analytics.models_math import activity

    rng = np.random.default_rng(1)
    lam = rng.gamma(0.5, 1 / 8, users)
    p = rng.beta(0.7, 3.5, users)
    big_t = rng.uniform(30, 365, users)
    x = np.zeros(users, dtype=int)
    tx = np.zeros(users)
    clock = np.zeros(users)
    alive = np.ones(users, dtype=bool)
    while alive.any():
        idx = np.flatnonzero(alive)
        clock[idx] += rng.exponential(1 / lam[idx])
        done = clock[idx] > big_t[idx]
        alive[idx[done]] = False
        idx = idx[~done]
        x[idx] += 1
        tx[idx] = clock[idx]
        alive[idx[rng.random(len(idx)) < p[idx]]] = False
    _, fit = timed(f"BG/NBD fit on {users:,} users", lambda: activity.fit_bgnbd(x, tx, big_t), 10)
    print(
        f"  r={fit.r:.3f} alpha={fit.alpha:.2f} a={fit.a:.3f} b={fit.b:.3f} (true 0.5, 8, 0.7, 3.5)"
    )


def bench_graph(edges: int) -> None:
    from deepcommons.analytics.models_math import network

    rng = np.random.default_rng(2)
    nodes = edges // 10
    # 200 planted groups, 90 % of ties inside; a fifth of the ties go to popular people.
    group = rng.integers(0, 200, nodes)
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], np.arange(201))

    def draw(rows: int) -> pd.DataFrame:
        src = rng.integers(0, nodes, rows)
        popular = rng.random(rows) < 0.2
        src[popular] = rng.zipf(2.0, popular.sum()) % nodes
        g = group[src]
        inside = rng.random(rows) < 0.9
        pick = starts[g] + (rng.random(rows) * (starts[g + 1] - starts[g])).astype(np.int64)
        dst = np.where(inside, order[pick], rng.integers(0, nodes, rows))
        return pd.DataFrame({"source": src, "target": dst})

    def build() -> network.SocialGraph:
        # Repeated ties merge into weights: draw until there are enough distinct edges,
        # then keep exactly `edges` of them.
        frame = draw(int(edges * 1.3))
        graph = network.interaction_graph(frame)
        while graph.n_edges < edges:
            frame = pd.concat([frame, draw(edges // 4)], ignore_index=True)
            graph = network.interaction_graph(frame)
        keep = np.sort(rng.permutation(graph.n_edges)[:edges])
        return network.SocialGraph(
            graph.nodes, graph.src[keep], graph.dst[keep], graph.weight[keep], False
        )

    _, graph = timed(f"build interaction graph ({edges:,} distinct edges)", build)
    print(f"  {graph.n_nodes:,} nodes, {graph.n_edges:,} distinct edges")
    network.centrality(network.interaction_graph([(1, 2), (2, 3)]), backend="igraph")  # load igraph
    results: dict[str, dict[str, float]] = {}
    for backend in ("igraph", "networkx"):
        results[backend] = {}
        for label, call in (
            ("PageRank", lambda b=backend: network.centrality(graph, "pagerank", backend=b)),
            ("Louvain", lambda b=backend: network.communities(graph, "louvain", backend=b)),
        ):
            elapsed, result = timed(f"{label} ({backend}, includes conversion)", call)
            results[backend][label] = elapsed
            if label == "Louvain":
                print(f"  {result.n} communities, modularity {result.modularity:.3f}")
    for label in ("PageRank", "Louvain"):
        ratio = results["networkx"][label] / results["igraph"][label]
        print(f"{label + ': networkx / igraph':<52} {ratio:8.1f} ×")


def bench_report(users: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deepcommons.settings")
    django.setup()
    from deepcommons.analytics import frames
    from deepcommons.analytics.report import ReportData, build_report

    events = synthetic_events(users, seed=3)
    print(f"  {users:,} users, {len(events):,} events")
    follows = events.loc[events["kind"] == "follow", ["user_id", "target_user_id"]]
    follows = follows.set_axis(["follower", "followee"], axis=1).astype("int64")
    data = ReportData(
        events=events,
        users=pd.DataFrame(
            {"user_id": np.arange(1, users + 1), "username": [f"u{i}" for i in range(1, users + 1)]}
        ),
        follow_edges=follows[follows["follower"] != follows["followee"]].drop_duplicates(),
        interaction_edges=frames.interaction_edges(events),
        now=events["timestamp"].max() + pd.Timedelta(hours=1),
    )
    last = [time.perf_counter()]

    def progress(done: int, total: int, label: str) -> None:
        now = time.perf_counter()
        if done:
            print(f"    section done in {now - last[0]:6.2f} s")
        if done < total:
            print(f"  [{done + 1}/{total}] {label}", flush=True)
        last[0] = now

    _, page = timed(
        f"full report on {users:,} users",
        lambda: build_report(data, progress=progress),
        120 * users / 100_000,
    )
    missing = page.count("Not enough data")
    print(f"  {len(page) // 1024} KiB of HTML; sections without enough data: {missing}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a tenth of the full size")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    print(f"Analytics benchmark ({'quick, 1/10 size' if args.quick else 'full size'})\n")
    bench_rfm_and_clusters(1_000_000 // scale)
    print()
    bench_bgnbd(100_000 // scale)
    print()
    bench_graph(1_000_000 // scale)
    print()
    bench_report(100_000 // scale)


if __name__ == "__main__":
    main()
