"""Activity and churn: RFM segments, K-Means clusters, the BG/NBD model, cohort retention.

Units: `rfm` reports recency in days. BG/NBD's frequency, recency and T are in
whatever time unit the caller uses (days, weeks): λ = r/α is then "events per
unit of t" and `expected_events(t, …)` counts events in the next t units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import optimize, special

from deepcommons.analytics.models_math._common import (
    FloatArray,
    aic,
    as_float_array,
    check_same_length,
    interval,
    z_quantile,
)

# ---------------------------------------------------------------------------- RFM

#: (recency score, frequency score) → segment. The widely used RFM grid; the
#: first matching rule wins. R 5 = most recent quintile, F 5 = most frequent.
SEGMENT_RULES: list[tuple[str, set[int], set[int]]] = [
    ("champions", {5}, {4, 5}),
    ("loyal", {3, 4}, {4, 5}),
    ("potential loyalist", {4, 5}, {2, 3}),
    ("new", {5}, {1}),
    ("promising", {4}, {1}),
    ("need attention", {3}, {3}),
    ("about to sleep", {3}, {1, 2}),
    ("cannot lose", {1, 2}, {5}),
    ("at risk", {1, 2}, {3, 4}),
    ("hibernating", {1, 2}, {1, 2}),
]
SEGMENTS = [name for name, _, _ in SEGMENT_RULES]


def segment_for(r_score: int, f_score: int) -> str:
    """The segment of one (R, F) score pair; see SEGMENT_RULES."""
    for name, recency, frequency in SEGMENT_RULES:
        if r_score in recency and f_score in frequency:
            return name
    raise ValueError(f"scores must be 1–5, got R={r_score}, F={f_score}")


_SEGMENT_GRID = np.array(
    [[SEGMENTS.index(segment_for(r, f)) for f in range(1, 6)] for r in range(1, 6)]
)


def _quintile_score(values: pd.Series, *, higher_is_better: bool) -> pd.Series:
    """1–5 by percentile of the average rank, so tied values share a score."""
    ranks = values.rank(method="average", ascending=higher_is_better, pct=True)
    return np.ceil(ranks * 5).clip(1, 5).astype(np.int8)


@dataclass(frozen=True, eq=False)
class RFM:
    """Per-user recency (days since last event), frequency (events), monetary (sum of value).

    `table` is indexed by user_id with columns recency_days, frequency,
    monetary, r_score, f_score, m_score (1–5, 5 best), rfm (e.g. "545") and
    segment. Scores are quintiles of the percentile rank; ties share a score,
    so with many ties some quintiles are empty.
    """

    table: pd.DataFrame
    now: pd.Timestamp

    def segment_counts(self) -> pd.Series:
        return self.table["segment"].value_counts().reindex(SEGMENTS, fill_value=0)


def _parse_timestamps(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    try:
        return pd.to_datetime(values, format="ISO8601", errors="coerce")
    except (TypeError, ValueError):
        return pd.to_datetime(values, format="mixed", errors="coerce")


def _events_frame(events: pd.DataFrame, *, need_value: bool = False) -> pd.DataFrame:
    if not isinstance(events, pd.DataFrame):
        raise ValueError("events must be a pandas DataFrame with user_id and timestamp columns")
    missing = {"user_id", "timestamp"} - set(events.columns)
    if missing:
        raise ValueError(f"events is missing column(s): {sorted(missing)}")
    if events.empty:
        raise ValueError("events is empty")
    if events["user_id"].isna().any():
        raise ValueError("events has rows without a user_id")
    timestamps = _parse_timestamps(events["timestamp"])
    if timestamps.isna().any():
        raise ValueError(
            f"events has {int(timestamps.isna().sum())} missing or unreadable timestamp(s)"
        )
    frame = pd.DataFrame({"user_id": events["user_id"].to_numpy(), "timestamp": timestamps})
    if "value" in events.columns:
        value = pd.to_numeric(events["value"], errors="coerce")
        if value.isna().any():
            raise ValueError(
                f"events has {int(value.isna().sum())} missing or non-numeric value(s)"
            )
        if (value < 0).any():
            raise ValueError("event values must not be negative")
        frame["value"] = value.to_numpy(float)
    elif need_value:
        raise ValueError("events needs a value column")
    return frame


def _as_timestamp(now: Any, like: pd.Series) -> pd.Timestamp:
    stamp = pd.Timestamp(now)
    tz = getattr(like.dt, "tz", None)
    if tz is not None and stamp.tzinfo is None:
        stamp = stamp.tz_localize(tz)
    elif tz is None and stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp


def rfm(events: pd.DataFrame, now: Any) -> RFM:
    """Recency, frequency and monetary value per user, scored 1–5 and segmented.

    `events` has columns user_id, timestamp and optionally value (monetary =
    sum of value; without it, monetary = number of events). `now` is when
    recency is measured; events after it are an error.

    Segments come from the (R, F) scores by SEGMENT_RULES: champions (R 5,
    F 4–5), loyal (R 3–4, F 4–5), potential loyalist (R 4–5, F 2–3), new (R 5,
    F 1), promising (R 4, F 1), need attention (R 3, F 3), about to sleep (R 3,
    F 1–2), cannot lose (R 1–2, F 5), at risk (R 1–2, F 3–4), hibernating
    (R 1–2, F 1–2).
    """
    frame = _events_frame(events)
    stamp = _as_timestamp(now, frame["timestamp"])
    late = frame["timestamp"] > stamp
    if late.any():
        raise ValueError(f"{int(late.sum())} event(s) are after now={stamp}")
    grouped = frame.groupby("user_id", sort=True)
    last = grouped["timestamp"].max()
    table = pd.DataFrame(
        {
            "recency_days": (stamp - last).dt.total_seconds() / 86400.0,
            "frequency": grouped.size().astype(np.int64),
        }
    )
    table["monetary"] = (
        grouped["value"].sum() if "value" in frame.columns else table["frequency"].astype(float)
    )
    table["r_score"] = _quintile_score(table["recency_days"], higher_is_better=False)
    table["f_score"] = _quintile_score(table["frequency"], higher_is_better=True)
    table["m_score"] = _quintile_score(table["monetary"], higher_is_better=True)
    table["rfm"] = (
        table["r_score"].astype(str) + table["f_score"].astype(str) + table["m_score"].astype(str)
    )
    codes = _SEGMENT_GRID[table["r_score"].to_numpy() - 1, table["f_score"].to_numpy() - 1]
    table["segment"] = pd.Categorical.from_codes(codes, categories=SEGMENTS)
    return RFM(table=table, now=stamp)


# ------------------------------------------------------------------------ K-Means

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
    million rows in seconds). scale=True standardises each column (z-scores)
    before clustering; scale=False clusters the raw values.
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


# ------------------------------------------------------------------------- BG/NBD


def _bgnbd_terms(
    log_params: FloatArray,
    x_values: FloatArray,
    x_index: np.ndarray,
    tx: FloatArray,
    big_t: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Per-customer log-likelihood and its gradient w.r.t. (ln r, ln α, ln a, ln b).

    Fader, Hardie & Lee (2005), eq. 6:
    L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
        + 1{x>0} · B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))

    `x_values[x_index]` is each customer's x: the gamma-family functions are
    evaluated once per distinct x (a few dozen) rather than once per customer.
    """
    r, alpha, a, b = np.exp(log_params)
    xv = x_values
    positive_v = xv > 0
    xbv = np.where(positive_v, xv, 1.0)  # keeps b + x − 1 > 0 where the term is unused
    dig = special.digamma
    log_beta_ab = special.betaln(a, b)
    # Per distinct x.
    base_v = special.gammaln(r + xv) - special.gammaln(r) + r * np.log(alpha)
    beta1_v = special.betaln(a, b + xv) - log_beta_ab
    beta2_v = np.where(positive_v, special.betaln(a + 1, b + xbv - 1) - log_beta_ab, -np.inf)
    d_base_r_v = dig(r + xv) - dig(r) + np.log(alpha)
    d1a_v = dig(a + b) - dig(a + b + xv)
    d1b_v = dig(b + xv) - dig(a + b + xv) - dig(b) + dig(a + b)
    d2a_v = dig(a + 1) - dig(a + b + xv) - dig(a) + dig(a + b)
    d2b_v = dig(b + xbv - 1) - dig(a + b + xv) - dig(b) + dig(a + b)
    # Per customer.
    x = xv[x_index]
    positive = positive_v[x_index]
    log_at = np.log(alpha + big_t)
    log_atx = np.log(alpha + tx)
    term1 = beta1_v[x_index] - (r + x) * log_at
    with np.errstate(invalid="ignore"):
        term2 = beta2_v[x_index] - (r + x) * log_atx
    term2 = np.where(positive, term2, -np.inf)
    total = np.logaddexp(term1, term2)
    ll = base_v[x_index] + total
    w1 = np.exp(term1 - total)
    w2 = np.where(positive, np.exp(term2 - total), 0.0)
    d_r = d_base_r_v[x_index] - w1 * log_at - w2 * log_atx
    d_alpha = r / alpha - (r + x) * (w1 / (alpha + big_t) + w2 / (alpha + tx))
    d_a = w1 * d1a_v[x_index] + w2 * d2a_v[x_index]
    d_b = w1 * d1b_v[x_index] + w2 * d2b_v[x_index]
    grad = np.stack([d_r * r, d_alpha * alpha, d_a * a, d_b * b])
    return ll, grad


@dataclass(frozen=True, eq=False)
class BGNBDFit:
    """The BG/NBD model of repeat events and silent churn (Fader, Hardie & Lee 2005).

    While alive a user's events are Poisson with rate λ ~ Gamma(r, α) (per
    unit of t); after each event the user drops out with probability
    p ~ Beta(a, b). `log_likelihood` is the total over users; `se`/`ci` (95 %)
    come from the inverse Hessian of the log-likelihood.
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    aic: float
    n: int
    se: dict[str, float]
    ci: dict[str, tuple[float, float]]

    def _check(
        self,
        frequency: ArrayLike,
        recency: ArrayLike,
        T: ArrayLike,  # noqa: N803
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        return _bgnbd_inputs(frequency, recency, T)

    def _alive_odds(self, x: FloatArray, tx: FloatArray, big_t: FloatArray) -> FloatArray:
        """The denominator 1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)."""
        xb = np.where(x > 0, x, 1.0)
        ratio = np.exp((self.r + x) * (np.log(self.alpha + big_t) - np.log(self.alpha + tx)))
        return 1 + np.where(x > 0, self.a / (self.b + xb - 1) * ratio, 0.0)

    def p_alive(self, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike) -> FloatArray:  # noqa: N803
        """P(still active | x events, last at t_x, observed for T) — FHL 2005 eq. 11."""
        x, tx, big_t = self._check(frequency, recency, T)
        return 1 / self._alive_odds(x, tx, big_t)

    def expected_events(
        self,
        t: float | ArrayLike,
        frequency: ArrayLike,
        recency: ArrayLike,
        T: ArrayLike,  # noqa: N803
    ) -> FloatArray:
        """Expected events in the next t units for each user — FHL 2005 eq. 10."""
        x, tx, big_t = self._check(frequency, recency, T)
        horizon = np.broadcast_to(np.asarray(t, dtype=float), x.shape)
        if (horizon < 0).any():
            raise ValueError("t must not be negative")
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = horizon / (alpha + big_t + horizon)
        hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
        factor = ((alpha + big_t) / (alpha + big_t + horizon)) ** (r + x)
        numerator = (a + b + x - 1) / (a - 1) * (1 - factor * hyp)
        return numerator / self._alive_odds(x, tx, big_t)

    def expected_events_new(self, t: float | ArrayLike) -> FloatArray:
        """E[X(t)]: expected events in (0, t] for a new user — FHL 2005 eq. 9."""
        t_arr = np.asarray(t, dtype=float)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        hyp = special.hyp2f1(r, b, a + b - 1, t_arr / (alpha + t_arr))
        return np.asarray(
            (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t_arr)) ** r * hyp), dtype=float
        )


def _bgnbd_inputs(
    frequency: ArrayLike,
    recency: ArrayLike,
    T: ArrayLike,  # noqa: N803
) -> tuple[FloatArray, FloatArray, FloatArray]:
    x = as_float_array("frequency", frequency, non_negative=True)
    tx = as_float_array("recency", recency, non_negative=True)
    big_t = as_float_array("T", T, non_negative=True)
    check_same_length(frequency=x, recency=tx, T=big_t)
    if (x != np.round(x)).any():
        raise ValueError("frequency must be whole numbers of repeat events")
    if (tx > big_t + 1e-9).any():
        i = int(np.argmax(tx > big_t + 1e-9))
        raise ValueError(
            f"recency must not exceed T (user at position {i}: {tx[i]:g} > {big_t[i]:g})"
        )
    if (big_t <= 0).any():
        raise ValueError("T (time since the first event) must be positive")
    if ((x == 0) & (tx > 0)).any():
        raise ValueError("a user with frequency 0 must have recency 0")
    return x, tx, big_t


def fit_bgnbd(frequency: ArrayLike, recency: ArrayLike, T: ArrayLike) -> BGNBDFit:  # noqa: N803
    """Maximum-likelihood BG/NBD on per-user summaries.

    frequency = repeat events (after the first), recency = time of the last
    event since the first, T = time from the first event to the end of
    observation, all in one time unit. The likelihood is summed over users
    (identical summaries are grouped and weighted, which changes nothing but
    speed), maximised by L-BFGS on log parameters with the analytic gradient.
    """
    x, tx, big_t = _bgnbd_inputs(frequency, recency, T)
    if len(x) < 10:
        raise ValueError(f"need at least 10 users to fit BG/NBD, got {len(x)}")
    if not (x > 0).any():
        raise ValueError("no user has a repeat event: the purchase rate cannot be estimated")
    rows, counts = np.unique(np.column_stack([x, tx, big_t]), axis=0, return_counts=True)
    x_values, x_index = np.unique(rows[:, 0], return_inverse=True)
    utx, ut = rows[:, 1], rows[:, 2]
    weights = counts.astype(float)

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        ll, grad = _bgnbd_terms(theta, x_values, x_index, utx, ut)
        value = -float(weights @ ll)
        if not np.isfinite(value):
            return 1e300, np.zeros(4)
        return value, -(grad @ weights)

    scale = float(np.mean(big_t))
    starts = [
        np.log([1.0, scale, 1.0, 1.0]),
        np.log([0.5, scale / 4, 0.8, 2.5]),
        np.log([2.0, scale * 2, 2.0, 4.0]),
    ]
    best = None
    for start in starts:
        result = optimize.minimize(
            objective,
            start,
            jac=True,
            method="L-BFGS-B",
            bounds=[(-12, 12)] * 4,
            options={"maxiter": 2000, "gtol": 1e-8},
        )
        if best is None or result.fun < best.fun:
            best = result
    assert best is not None
    theta = best.x
    params = np.exp(theta)
    hessian = _numeric_hessian(lambda th: objective(th)[1], theta)
    try:
        cov_log = np.linalg.inv(hessian)
    except np.linalg.LinAlgError:
        cov_log = np.full((4, 4), np.nan)
    se_values = params * np.sqrt(np.maximum(np.diag(cov_log), 0))
    names = ("r", "alpha", "a", "b")
    q = z_quantile()
    ll = -float(best.fun)
    return BGNBDFit(
        r=float(params[0]),
        alpha=float(params[1]),
        a=float(params[2]),
        b=float(params[3]),
        log_likelihood=ll,
        aic=aic(ll, 4),
        n=len(x),
        se={name: float(s) for name, s in zip(names, se_values, strict=True)},
        ci={
            name: interval(float(v), float(s), q)
            for name, v, s in zip(names, params, se_values, strict=True)
        },
    )


def _numeric_hessian(gradient: Any, theta: FloatArray, step: float = 1e-5) -> FloatArray:
    size = len(theta)
    hessian = np.empty((size, size))
    for i in range(size):
        up, down = theta.copy(), theta.copy()
        up[i] += step
        down[i] -= step
        hessian[:, i] = (gradient(up) - gradient(down)) / (2 * step)
    return (hessian + hessian.T) / 2


def bgnbd_summary(events: pd.DataFrame, now: Any, *, unit_days: float = 7.0) -> pd.DataFrame:
    """Per-user frequency, recency and T from an event log, in units of `unit_days` days.

    Events on the same day count once (the BG/NBD counts transaction occasions).
    frequency = active days − 1, recency = last − first, T = now − first.
    """
    frame = _events_frame(events)
    stamp = _as_timestamp(now, frame["timestamp"])
    days = frame["timestamp"].dt.floor("D")
    frame = frame.assign(day=days).drop_duplicates(["user_id", "day"])
    grouped = frame.groupby("user_id", sort=True)["day"]
    first, last = grouped.min(), grouped.max()
    unit = pd.Timedelta(days=unit_days)
    summary = pd.DataFrame(
        {
            "frequency": grouped.size() - 1,
            "recency": (last - first) / unit,
            "T": (stamp.floor("D") - first) / unit,
        }
    )
    return summary[summary["T"] > 0]


# ------------------------------------------------------------------ retention


@dataclass(frozen=True, eq=False)
class CohortRetention:
    """Users grouped by the period of their first event.

    `counts.loc[cohort, k]` is how many of the cohort were active k periods
    after their first; `rates` divides by the cohort size (so column 0 is 1).
    Cells that lie in the future of the last event period are NaN.
    """

    period: str
    sizes: pd.Series
    counts: pd.DataFrame
    rates: pd.DataFrame

    def average(self) -> pd.Series:
        """Retention by periods since joining, weighted by cohort size."""
        weights = self.counts.notna().mul(self.sizes, axis=0)
        return self.counts.sum() / weights.sum()


def cohort_retention(events: pd.DataFrame, period: str = "W") -> CohortRetention:
    """Cohort × period retention table; `period` is a pandas period alias ("D", "W", "M")."""
    frame = _events_frame(events)
    stamps = frame["timestamp"]
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_convert("UTC").dt.tz_localize(None)
    try:
        periods = stamps.dt.to_period(period)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"unknown period {period!r}: {exc}") from exc
    codes = periods.map(lambda p: p.ordinal).to_numpy(np.int64)
    frame = pd.DataFrame({"user_id": frame["user_id"].to_numpy(), "p": codes}).drop_duplicates()
    first = frame.groupby("user_id")["p"].transform("min")
    frame["offset"] = frame["p"] - first
    frame["cohort"] = first
    counts = frame.pivot_table(
        index="cohort", columns="offset", values="user_id", aggfunc="count", fill_value=0
    )
    last = int(frame["p"].max())
    for cohort in counts.index:
        counts.loc[cohort, counts.columns > last - cohort] = np.nan
    sizes = counts[0].astype(int)
    rates = counts.div(sizes, axis=0)
    label = pd.PeriodIndex.from_ordinals(counts.index.to_numpy(), freq=period)
    counts.index = rates.index = sizes.index = label.rename("cohort")
    counts.columns.name = rates.columns.name = "periods_since_first"
    return CohortRetention(period=period, sizes=sizes, counts=counts, rates=rates)
