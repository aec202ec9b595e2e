"""RFM, K-Means, BG/NBD and cohort retention against published results and known parameters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_iris
from sklearn.metrics import adjusted_rand_score

from deepcommons.analytics.models_math import activity

DATA = Path(__file__).parent / "data"

# ---------------------------------------------------------------------- BG/NBD


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return pd.read_csv(DATA / "cdnow_customers_summary.csv")


def test_bgnbd_on_cdnow_matches_fader_hardie_lee(cdnow: pd.DataFrame) -> None:
    """Fader, Hardie & Lee (2005), Marketing Science 24(2):275–284, §5: on the 2,357-customer
    CDNOW calibration summary (weeks) r = 0.243, α = 4.414, a = 0.793, b = 2.426 and the
    log-likelihood is −9582.4. We match to the published rounding (0.3 %) and 0.1 in LL."""
    assert len(cdnow) == 2357
    fit = activity.fit_bgnbd(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    assert fit.r == pytest.approx(0.243, rel=3e-3)
    assert fit.alpha == pytest.approx(4.414, rel=3e-3)
    assert fit.a == pytest.approx(0.793, rel=3e-3)
    assert fit.b == pytest.approx(2.426, rel=3e-3)
    assert fit.log_likelihood == pytest.approx(-9582.4, abs=0.1)
    assert fit.n == 2357
    # Asymptotic standard errors are positive and give intervals around each estimate.
    for name in ("r", "alpha", "a", "b"):
        assert fit.se[name] > 0
        low, high = fit.ci[name]
        assert low < getattr(fit, name) < high


def test_bgnbd_conditional_expectation_matches_hardies_spreadsheet() -> None:
    """With the published CDNOW estimates, a customer with x = 2, t_x = 30.43, T = 38.86
    is expected to make 1.226 purchases in the next 39 weeks (FHL 2005, eq. 10; Hardie's
    BG/NBD Excel implementation)."""
    published = activity.BGNBDFit(
        r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=0, aic=0, n=0, se={}, ci={}
    )
    expected = published.expected_events(39, [2], [30.43], [38.86])
    assert expected[0] == pytest.approx(1.226, abs=5e-4)
    # A customer without repeat purchases is certainly "alive" in the BG/NBD story.
    assert published.p_alive([0], [0], [38.86])[0] == 1.0


def test_bgnbd_recovers_known_parameters() -> None:
    """20,000 users simulated from r = 0.5, α = 8, a = 0.7, b = 3.5 over 30–90 days:
    r and α within 10 %, a and b within 25 % (the dropout parameters are the hard ones)."""
    summary = _simulate_bgnbd(20_000, r=0.5, alpha=8.0, a=0.7, b=3.5, seed=11)
    fit = activity.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    assert fit.r == pytest.approx(0.5, rel=0.10)
    assert fit.alpha == pytest.approx(8.0, rel=0.10)
    assert fit.a == pytest.approx(0.7, rel=0.25)
    assert fit.b == pytest.approx(3.5, rel=0.25)
    # Each estimate is within 3.5 standard errors of the truth.
    for name, true in (("r", 0.5), ("alpha", 8.0), ("a", 0.7), ("b", 3.5)):
        assert abs(getattr(fit, name) - true) < 3.5 * fit.se[name], name


def test_bgnbd_predictions_match_simulated_future_activity() -> None:
    """Expected events in the next 30 days, summed over users, match a simulated holdout
    within 5 %; p_alive separates users who are still active from those who left."""
    rng = np.random.default_rng(12)
    summary, future, alive = _simulate_bgnbd(
        20_000, r=0.5, alpha=8.0, a=0.7, b=3.5, seed=12, horizon=30, rng=rng
    )
    fit = activity.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    expected = fit.expected_events(30, summary["frequency"], summary["recency"], summary["T"])
    assert expected.sum() == pytest.approx(future.sum(), rel=0.05)
    p_alive = fit.p_alive(summary["frequency"], summary["recency"], summary["T"])
    assert p_alive[alive].mean() > p_alive[~alive].mean() + 0.2
    assert p_alive.mean() == pytest.approx(alive.mean(), abs=0.03)


def _simulate_bgnbd(
    n: int,
    *,
    r: float,
    alpha: float,
    a: float,
    b: float,
    seed: int,
    horizon: float = 0.0,
    rng: np.random.Generator | None = None,
):
    """Event histories from the BG/NBD story; optionally the counts in (T, T + horizon]."""
    rng = rng or np.random.default_rng(seed)
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    big_t = rng.uniform(30, 90, n)
    end = big_t + horizon
    x = np.zeros(n, dtype=int)
    tx = np.zeros(n)
    future = np.zeros(n, dtype=int)
    clock = np.zeros(n)
    active = np.ones(n, dtype=bool)
    while active.any():
        idx = np.flatnonzero(active)
        clock[idx] += rng.exponential(1 / lam[idx])
        past_end = clock[idx] > end[idx]
        active[idx[past_end]] = False
        idx = idx[~past_end]
        in_calibration = clock[idx] <= big_t[idx]
        x[idx[in_calibration]] += 1
        tx[idx[in_calibration]] = clock[idx[in_calibration]]
        future[idx[~in_calibration]] += 1
        drop = rng.random(len(idx)) < p[idx]
        active[idx[drop]] = False
        dropped_at = np.zeros(n, dtype=bool)
        dropped_at[idx[drop]] = True
        # Users who drop out in calibration are dead at T.
        clock[dropped_at & (clock <= big_t)] = -np.inf
    summary = pd.DataFrame({"frequency": x, "recency": tx, "T": big_t})
    if not horizon:
        return summary
    alive = clock != -np.inf
    return summary, future, alive


def test_bgnbd_bad_input_says_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="recency must not exceed T"):
        activity.fit_bgnbd([1] * 10, [5] * 10, [4] * 10)
    with pytest.raises(ValueError, match="frequency must not be negative"):
        activity.fit_bgnbd([-1] + [1] * 9, [1] * 10, [4] * 10)
    with pytest.raises(ValueError, match="lengths differ"):
        activity.fit_bgnbd([1] * 10, [1] * 9, [4] * 10)
    with pytest.raises(ValueError, match="at least 10 users"):
        activity.fit_bgnbd([1], [1], [4])
    with pytest.raises(ValueError, match="no user has a repeat event"):
        activity.fit_bgnbd([0] * 10, [0] * 10, [4] * 10)
    with pytest.raises(ValueError, match="whole numbers"):
        activity.fit_bgnbd([1.5] * 10, [1] * 10, [4] * 10)


def test_bgnbd_summary_counts_active_days_in_weeks() -> None:
    events = pd.DataFrame(
        {
            "user_id": [1, 1, 1, 2],
            "timestamp": ["2024-01-01 09:00", "2024-01-01 18:00", "2024-01-15", "2024-01-08"],
        }
    )
    summary = activity.bgnbd_summary(events, "2024-01-29")
    assert summary.loc[1].tolist() == [1, 2.0, 4.0]
    assert summary.loc[2].tolist() == [0, 0.0, 3.0]


# ------------------------------------------------------------------------- RFM


def _events(rows: list[tuple[int, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["user_id", "timestamp", "value"]).assign(
        timestamp=lambda f: pd.to_datetime(f["timestamp"])
    )


def test_rfm_computes_recency_frequency_monetary_and_scores() -> None:
    events = _events(
        [
            (1, "2024-03-30", 5.0),
            (1, "2024-03-20", 5.0),
            (1, "2024-03-10", 5.0),
            (2, "2024-01-01", 1.0),
            (3, "2024-03-25", 2.0),
            (3, "2024-02-01", 2.0),
            (4, "2024-02-15", 1.0),
            (5, "2024-03-31", 0.5),
        ]
    )
    result = activity.rfm(events, pd.Timestamp("2024-04-01"))
    table = result.table
    assert table.loc[1, ["recency_days", "frequency", "monetary"]].tolist() == [2.0, 3, 15.0]
    assert table.loc[2, "recency_days"] == 91.0
    # Recency ranks 5 (most recent) to 1; ties in frequency share a score.
    assert table["r_score"].to_dict() == {1: 4, 2: 1, 3: 3, 4: 2, 5: 5}
    assert table["f_score"].to_dict() == {1: 5, 2: 2, 3: 4, 4: 2, 5: 2}
    assert table.loc[1, "rfm"] == "455"
    assert table.loc[1, "segment"] == "loyal"
    assert table.loc[5, "segment"] == "potential loyalist"
    assert table.loc[2, "segment"] == "hibernating"
    assert result.segment_counts().sum() == 5


def test_rfm_without_value_counts_events_as_monetary() -> None:
    events = _events([(1, "2024-01-01", 0), (1, "2024-01-02", 0)]).drop(columns="value")
    table = activity.rfm(events, "2024-01-03").table
    assert table.loc[1, "monetary"] == 2.0


def test_rfm_segments_recover_the_behaviour_that_generated_the_events() -> None:
    """Three simulated groups of 300: daily users seen yesterday, monthly users seen
    recently, and users who stopped 3–6 months ago after a few visits. Most of each group
    lands in the segment its behaviour defines."""
    rng = np.random.default_rng(5)
    now = pd.Timestamp("2024-06-30")
    rows = []
    for user in range(900):
        group = user // 300
        if group == 0:  # frequent and current
            days = rng.choice(60, size=rng.integers(30, 60), replace=False)
        elif group == 1:  # occasional but recent
            days = np.concatenate([[rng.integers(0, 10)], rng.integers(10, 90, rng.integers(1, 3))])
        else:  # gone quiet
            days = rng.integers(90, 180, size=rng.integers(1, 4))
        rows += [(user, now - pd.Timedelta(days=int(d) + 1), 1.0) for d in days]
    table = activity.rfm(pd.DataFrame(rows, columns=["user_id", "timestamp", "value"]), now).table
    group = table.index.to_series() // 300
    champions = table["segment"].isin(["champions", "loyal"])
    assert champions[group == 0].mean() > 0.9
    assert table["segment"][group == 2].isin(["hibernating", "at risk"]).mean() > 0.9
    assert table["r_score"][group == 1].mean() > table["r_score"][group == 2].mean() + 1.5


def test_segment_rules_cover_every_score_pair() -> None:
    assert {activity.segment_for(r, f) for r in range(1, 6) for f in range(1, 6)} == set(
        activity.SEGMENTS
    )
    assert activity.segment_for(5, 5) == "champions"
    assert activity.segment_for(5, 1) == "new"
    assert activity.segment_for(1, 1) == "hibernating"
    assert activity.segment_for(2, 4) == "at risk"


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (pd.DataFrame({"user_id": [1]}), "missing column"),
        (pd.DataFrame({"user_id": [1], "timestamp": [None]}), "missing or unreadable"),
        (
            pd.DataFrame({"user_id": [1], "timestamp": ["2024-01-01"], "value": [-1]}),
            "must not be negative",
        ),
        (pd.DataFrame({"user_id": [1], "timestamp": ["2025-01-01"]}), "after now"),
        (pd.DataFrame({"user_id": [], "timestamp": []}), "empty"),
    ],
)
def test_rfm_bad_input_says_what_is_wrong(events: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        activity.rfm(events, "2024-06-01")


# --------------------------------------------------------------------- K-Means


def test_kmeans_on_iris_reproduces_the_classic_three_clusters() -> None:
    """Fisher's iris (Fisher 1936; sklearn's copy), raw features, k = 3: the well-known
    K-Means optimum (e.g. R's `kmeans(iris[, 1:4], 3)` in Hartigan & Wong's algorithm):
    within-cluster sum of squares 78.85, sizes 50, 62 and 38, setosa recovered exactly."""
    iris = load_iris(as_frame=True)
    result = activity.cluster(iris.data, k=3, scale=False)
    assert result.inertia == pytest.approx(78.851, abs=0.01)
    assert sorted(result.sizes().tolist()) == [38, 50, 62]
    species = iris.target.to_numpy()
    setosa_labels = set(result.labels[species == 0])
    assert len(setosa_labels) == 1 and (result.labels == setosa_labels.pop()).sum() == 50
    centers = result.centers.sort_values("petal length (cm)").round(3)
    assert centers.iloc[0].tolist() == [5.006, 3.428, 1.462, 0.246]
    assert centers.iloc[2].tolist() == [6.85, 3.074, 5.742, 2.071]
    assert result.silhouette == pytest.approx(0.553, abs=0.001)


def test_kmeans_chooses_k_by_silhouette_and_reports_every_score() -> None:
    """On raw iris the best silhouette is k = 2 (0.681): setosa against the rest."""
    result = activity.cluster(load_iris().data, scale=False)
    assert sorted(result.silhouette_scores) == list(range(2, 11))
    assert result.k == 2
    assert result.silhouette_scores[2] == pytest.approx(0.681, abs=0.001)
    assert result.silhouette == pytest.approx(result.silhouette_scores[2])


def test_kmeans_recovers_known_centres_in_original_units() -> None:
    """Four Gaussian blobs on very different scales: k = 4 is chosen, every point is
    assigned to its blob, and centres come back in original units within 2 %."""
    rng = np.random.default_rng(0)
    truth = np.array([[1, 100], [1, 300], [5, 100], [5, 300]], dtype=float)
    labels = np.repeat(np.arange(4), 250)
    points = truth[labels] + rng.normal(0, [0.2, 8], size=(1000, 2))
    result = activity.cluster(pd.DataFrame(points, columns=["visits", "minutes"]))
    assert result.k == 4
    assert adjusted_rand_score(labels, result.labels) == 1.0
    found = result.centers.sort_values(["visits", "minutes"]).to_numpy()
    assert np.abs(found - truth).max(axis=0).tolist() < [0.05, 2.0]
    assert result.scaled


def test_kmeans_without_scaling_is_dominated_by_the_large_feature() -> None:
    rng = np.random.default_rng(1)
    small = np.repeat([0.0, 10.0], 200) + rng.normal(0, 0.1, 400)  # two clear groups
    large = rng.normal(0, 1000, 400)  # pure noise, huge scale
    features = np.column_stack([small, large])
    truth = np.repeat([0, 1], 200)
    scaled = activity.cluster(features, k=2, scale=True)
    raw = activity.cluster(features, k=2, scale=False)
    assert adjusted_rand_score(truth, scaled.labels) == 1.0
    assert adjusted_rand_score(truth, raw.labels) < 0.2


def test_kmeans_bad_input_says_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="NaN"):
        activity.cluster([[1, 2], [np.nan, 1], [3, 4]])
    with pytest.raises(ValueError, match="at least 3 rows"):
        activity.cluster([[1, 2]])
    with pytest.raises(ValueError, match="identical"):
        activity.cluster([[1, 2]] * 5)
    with pytest.raises(ValueError, match="k must be between"):
        activity.cluster([[1], [2], [3]], k=10)


# ------------------------------------------------------------------- retention


def test_cohort_retention_counts_users_active_in_each_later_period() -> None:
    events = _events(
        [
            (1, "2024-01-01", 0),  # week of 1 Jan
            (1, "2024-01-09", 0),  # +1
            (2, "2024-01-03", 0),
            (2, "2024-01-17", 0),  # +2
            (3, "2024-01-10", 0),  # cohort of 8 Jan
            (3, "2024-01-11", 0),
            (3, "2024-01-16", 0),  # +1
        ]
    )
    result = activity.cohort_retention(events, period="W")
    assert result.sizes.tolist() == [2, 1]
    assert result.counts.iloc[0].tolist() == [2, 1, 1]
    assert result.counts.iloc[1, :2].tolist() == [1, 1]
    assert np.isnan(result.counts.iloc[1, 2])  # in the future of the last event
    assert result.rates.iloc[0].tolist() == [1.0, 0.5, 0.5]
    assert result.average().tolist() == pytest.approx([1.0, 2 / 3, 0.5])


def test_cohort_retention_recovers_a_known_retention_probability() -> None:
    """Each of 3,000 users is active in each later week with probability 0.35: every
    cohort's retention is within four binomial standard errors of 0.35."""
    rng = np.random.default_rng(3)
    start = pd.Timestamp("2024-01-01")
    rows = []
    for user in range(3000):
        joined = int(rng.integers(0, 4))
        weeks = [joined] + [w for w in range(joined + 1, 10) if rng.random() < 0.35]
        rows += [(user, start + pd.Timedelta(weeks=w), 0) for w in weeks]
    result = activity.cohort_retention(
        pd.DataFrame(rows, columns=["user_id", "timestamp", "value"])
    )
    rates = result.rates.iloc[:, 1:].stack().dropna()
    sizes = result.sizes.reindex(rates.index.get_level_values(0)).to_numpy()
    se = np.sqrt(0.35 * 0.65 / sizes)
    assert (np.abs(rates.to_numpy() - 0.35) < 4 * se).all()


def test_cohort_retention_rejects_an_unknown_period() -> None:
    with pytest.raises(ValueError, match="unknown period"):
        activity.cohort_retention(_events([(1, "2024-01-01", 0)]), period="fortnight")
