"""Growth curves against the US census and against series with known parameters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from deepcommons.analytics.models_math import growth

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def census() -> pd.DataFrame:
    frame = pd.read_csv(DATA / "us_census_1790_1950.csv")
    frame["millions"] = frame["population"] / 1e6
    return frame


def test_logistic_on_census_1790_1910_matches_pearl_and_reed(census: pd.DataFrame) -> None:
    """Pearl & Reed (1920), PNAS 6:275–288, fitted the logistic to the 1790–1910 censuses:
    K = 197,273,000, r = 0.03134 per year, inflection on 1 April 1914 (t0 = 1914.25).

    Their fit used the censuses known in 1920 and a different fitting method, so
    we allow 2 % on K, 1 % on r and one year on t0; least squares lands within
    0.7 %, 0.1 % and 0.5 years.
    """
    early = census[census["year"] <= 1910]
    fit = growth.fit_logistic(early["year"], early["millions"])
    assert fit.params["K"] == pytest.approx(197.273, rel=0.02)
    assert fit.r == pytest.approx(0.03134, rel=0.01)
    assert fit.t0 == pytest.approx(1914.25, abs=1.0)
    assert fit.inflection_point == (fit.t0, fit.K / 2)
    assert fit.r_squared > 0.999


def test_logistic_on_census_1790_1950_has_capacity_of_201_million(census: pd.DataFrame) -> None:
    """COMAP, *For All Practical Purposes* (10th ed., ch. 23, Example 2): the US population
    1790–1950 "closely followed a logistic model" with carrying capacity 201 million."""
    fit = growth.fit_logistic(census["year"], census["millions"])
    assert fit.params["K"] == pytest.approx(201, rel=0.01)
    low, high = fit.ci["K"]
    assert low < fit.K < high
    assert fit.se["K"] > 0


def test_exponential_on_early_census_matches_the_logistic_initial_rate(
    census: pd.DataFrame,
) -> None:
    """Before 1860 the population was under a sixth of its logistic capacity, so growth was
    nearly exponential at Pearl & Reed's (1920) initial rate r = 0.03134 per year (a doubling
    time of 22 years). The exponential fit to 1790–1860 is within 7 % of that rate (the
    logistic brake has started: it finds 0.0297, doubling every 23.3 years)."""
    early = census[census["year"] <= 1860]
    fit = growth.fit_exponential(early["year"], early["millions"])
    assert fit.r == pytest.approx(0.03134, rel=0.07)
    assert fit.doubling_time == pytest.approx(np.log(2) / fit.r)
    assert fit.doubling_time == pytest.approx(23.3, abs=0.2)
    assert fit.predict([1790])[0] == pytest.approx(3.93, rel=0.2)


def test_compare_ranks_logistic_first_on_the_census(census: pd.DataFrame) -> None:
    result = growth.compare(census["year"], census["millions"])
    assert list(result.ranking.index) == ["logistic", "gompertz", "exponential"]
    assert result.ranking["weight"].sum() == pytest.approx(1.0)
    assert result.best.model == "logistic"
    forecast = result.forecast[result.forecast["model"] == "logistic"]
    assert list(forecast["t"]) == [1960, 1970, 1980, 1990, 2000]
    assert (forecast["lower"] < forecast["mean"]).all()
    assert (forecast["mean"] < forecast["upper"]).all()
    # Intervals widen as the forecast reaches further.
    widths = (forecast["upper"] - forecast["lower"]).to_numpy()
    assert (np.diff(widths) > 0).all()


def _noisy(curve: np.ndarray, sd: float, seed: int) -> np.ndarray:
    return curve + np.random.default_rng(seed).normal(0, sd, size=curve.shape)


def test_exponential_recovers_known_parameters() -> None:
    """y0 = 50, r = 0.08 per day, 2 % multiplicative noise: r within 2 %, y0 within 5 %."""
    t = np.arange(0, 40, dtype=float)
    truth = 50 * np.exp(0.08 * t)
    y = truth * (1 + np.random.default_rng(3).normal(0, 0.02, size=t.shape))
    fit = growth.fit_exponential(t, y)
    assert fit.r == pytest.approx(0.08, rel=0.02)
    assert fit.y0 == pytest.approx(50, rel=0.05)
    assert fit.doubling_time == pytest.approx(np.log(2) / 0.08, rel=0.02)
    assert fit.ci["r"][0] < fit.r < fit.ci["r"][1]
    assert 0 < fit.se["r"] < 0.002


def test_logistic_recovers_known_parameters_without_hints() -> None:
    """K = 1000, r = 0.3, t0 = 20, noise sd 10: K within 2 %, r within 5 %, t0 within 0.5."""
    t = np.arange(0, 41, dtype=float)
    y = _noisy(1000 / (1 + np.exp(-0.3 * (t - 20))), 10, seed=4).clip(0)
    fit = growth.fit_logistic(t, y)
    assert fit.params["K"] == pytest.approx(1000, rel=0.02)
    assert fit.r == pytest.approx(0.3, rel=0.05)
    assert fit.t0 == pytest.approx(20, abs=0.5)
    for name, true in (("K", 1000), ("r", 0.3), ("t0", 20)):
        low, high = fit.ci[name]
        assert low < true < high, name


def test_logistic_converges_on_a_calendar_time_axis_far_from_zero() -> None:
    """Robust starts: t in days since 1970 (≈ 19,700) needs no hints."""
    t = 19_700 + np.arange(0, 120, dtype=float)
    y = _noisy(5000 / (1 + np.exp(-0.08 * (t - 19_760))), 40, seed=5).clip(0)
    fit = growth.fit_logistic(t, y)
    assert fit.t0 == pytest.approx(19_760, abs=1)
    assert fit.r == pytest.approx(0.08, rel=0.05)


def test_gompertz_recovers_known_parameters() -> None:
    """K = 800, r = 0.15, t0 = 15, noise sd 5: K within 2 %, r within 5 %, t0 within 0.5."""
    t = np.arange(0, 50, dtype=float)
    y = _noisy(800 * np.exp(-np.exp(-0.15 * (t - 15))), 5, seed=6).clip(0)
    fit = growth.fit_gompertz(t, y)
    assert fit.params["K"] == pytest.approx(800, rel=0.02)
    assert fit.r == pytest.approx(0.15, rel=0.05)
    assert fit.t0 == pytest.approx(15, abs=0.5)
    assert fit.inflection_point[1] == pytest.approx(fit.K / np.e)


def test_compare_prefers_the_model_that_generated_the_data() -> None:
    t = np.arange(0, 41, dtype=float)
    logistic = _noisy(1000 / (1 + np.exp(-0.3 * (t - 20))), 10, seed=7).clip(0)
    assert growth.compare(t, logistic).best.model == "logistic"
    exponential = 20 * np.exp(0.05 * t) * (1 + np.random.default_rng(8).normal(0, 0.01, len(t)))
    assert growth.compare(t, exponential).ranking.index[0] == "exponential"


def test_prediction_interval_covers_new_observations() -> None:
    """About 95 % of fresh observations fall inside the 95 % prediction interval."""
    t = np.arange(0, 41, dtype=float)
    truth = 1000 / (1 + np.exp(-0.3 * (t - 20)))
    fit = growth.fit_logistic(t, _noisy(truth, 10, seed=9).clip(0))
    lower, upper = fit.prediction_interval(t)
    fresh = np.stack([_noisy(truth, 10, seed=100 + i) for i in range(50)])
    coverage = ((fresh > lower) & (fresh < upper)).mean()
    assert 0.90 < coverage < 0.99


@pytest.mark.parametrize(
    ("t", "y", "message"),
    [
        ([1, 2], [1, 2], "at least 4 points"),
        ([1, 2, 3, 4], [1, np.nan, 3, 4], "NaN"),
        ([1, 2, 3, 4], [1, -2, 3, 4], "must not be negative"),
        ([1, 2, 3, 4], [0, 0, 0, 0], "all zeros"),
        ([1, 2, 3, 4], [1, 2, 3], "lengths differ"),
        ([1, 3, 2, 4], [1, 2, 3, 4], "strictly increasing"),
        ([[1, 2], [3, 4]], [1, 2], "one-dimensional"),
    ],
)
def test_bad_input_is_a_value_error_that_says_what_is_wrong(
    t: list[float], y: list[float], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        growth.fit_logistic(t, y)


def test_compare_rejects_an_unknown_model() -> None:
    with pytest.raises(ValueError, match="unknown model"):
        growth.compare([1, 2, 3, 4, 5], [1, 2, 4, 8, 16], models=("cubic",))
