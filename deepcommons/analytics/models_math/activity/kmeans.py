"""K-Means clusters of feature rows, with k chosen by silhouette."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

#: Above this many rows, k is chosen on a random subsample of this size and the
#: final model starts from the subsample's centres (one Lloyd run on all rows).
SELECTION_SAMPLE = 2_000
#: The reported silhouette is exact up to this many rows, else estimated on a sample.
SILHOUETTE_SAMPLE = 3_000


@dataclass(frozen=True, eq=False)
class Clusters:
    """K-Means clusters.

    `centers` are in the original units of the features (even when scaled to
    cluster); `inertia` is the within-cluster sum of squares in the space that
    was clustered (standardised when scale=True); `silhouette` is the mean
    silhouette of the final labels (estimated on 3,000 rows above that);
    `silhouette_scores` maps each k tried to its silhouette when k was chosen.
    """

    labels: np.ndarray = field(repr=False)
    centers: pd.DataFrame
    k: int
    inertia: float
    silhouette: float
    silhouette_scores: dict[int, float]
    scaled: bool

    def sizes(self) -> pd.Series:
        return pd.Series(np.bincount(self.labels, minlength=self.k), name="size")


# scikit-learn's K-Means runs Lloyd's iterations on OpenMP threads, which
# spin-wait for each other: on a loaded machine (a web server, a test run
# beside it) a 5,000-row fit took 15 s with the default threads and 0.2 s on
# one. The rows here are small enough that one thread is never the bottleneck.
@threadpool_limits.wrap(limits=1)
def cluster(
    features: Any,
    k: int | None = None,
    scale: bool = True,
    random_state: int = 0,
    *,
    k_range: range = range(2, 11),
) -> Clusters:
    """K-Means (scikit-learn, k-means++, 10 restarts) on the rows of `features`.

    `features` is an array or DataFrame, one row per item. With k=None, k is
    the one of 2–10 with the best mean silhouette. Up to 2,000 rows everything
    is exact. Above that, k is chosen on a random 2,000-row subsample, the
    model with 10 restarts is fitted there, and one Lloyd run on every row
    starts from its centres (the silhouette being O(n²), this is what keeps a
    million rows in seconds). It runs on one thread (see above). scale=True
    standardises each column (z-scores) before clustering; scale=False
    clusters the raw values.
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler

    if isinstance(features, pd.DataFrame):
        names = [str(c) for c in features.columns]
        try:
            data = features.to_numpy(dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"features must be numeric: {exc}") from exc
    else:
        data = np.asarray(features, dtype=float)
        if data.ndim == 1:
            data = data.reshape(-1, 1)
        names = [f"x{i}" for i in range(data.shape[1])] if data.ndim == 2 else []
    if data.ndim != 2:
        raise ValueError(f"features must be two-dimensional (rows × features), got {data.shape}")
    if not np.isfinite(data).all():
        raise ValueError("features contain NaN or infinite values")
    n = len(data)
    if n < 3:
        raise ValueError(f"need at least 3 rows to cluster, got {n}")
    if k is not None and not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and the number of rows ({n}), got {k}")
    scaler = StandardScaler() if scale else None
    space = scaler.fit_transform(data) if scaler is not None else data
    rng = np.random.default_rng(random_state)
    sampled = n > SELECTION_SAMPLE
    sample = space[rng.choice(n, SELECTION_SAMPLE, replace=False)] if sampled else space
    if np.unique(sample, axis=0).shape[0] < 2:
        raise ValueError("all rows are identical: there is nothing to cluster")

    def kmeans(n_clusters: int, rows: np.ndarray) -> Any:
        return KMeans(n_clusters=n_clusters, n_init=10, random_state=random_state).fit(rows)

    scores: dict[int, float] = {}
    models: dict[int, Any] = {}
    if k is None:
        distinct = np.unique(sample, axis=0).shape[0]
        for candidate in k_range:
            if candidate >= distinct:
                break
            models[candidate] = kmeans(candidate, sample)
            labels = models[candidate].labels_
            if len(np.unique(labels)) < 2:
                continue
            scores[candidate] = float(silhouette_score(sample, labels))
        if not scores:
            raise ValueError("too few distinct rows to choose k by silhouette")
        k = max(scores, key=lambda c: scores[c])
    if sampled:
        start = models[k] if k in models else kmeans(k, sample)
        model = KMeans(
            n_clusters=k, init=start.cluster_centers_, n_init=1, random_state=random_state
        ).fit(space)
    else:
        model = models[k] if k in models else kmeans(k, space)
    labels = model.labels_.astype(np.int64)
    if k >= 2 and len(np.unique(labels)) >= 2:
        silhouette = float(
            silhouette_score(
                space,
                labels,
                sample_size=SILHOUETTE_SAMPLE if n > SILHOUETTE_SAMPLE else None,
                random_state=random_state,
            )
        )
    else:
        silhouette = float("nan")
    centers = model.cluster_centers_
    if scaler is not None:
        centers = scaler.inverse_transform(centers)
    return Clusters(
        labels=labels,
        centers=pd.DataFrame(centers, columns=names),
        k=int(k),
        inertia=float(model.inertia_),
        silhouette=silhouette,
        silhouette_scores=scores,
        scaled=scale,
    )
