"""The plausibility checks on fits of data generated from known parameters."""

from __future__ import annotations

import numpy as np
import pytest

from deepcommons.analytics.models_math import diffusion
from deepcommons.analytics.models_math.plausibility import check_bass, check_sir

WEEKS = np.arange(1, 21, dtype=float)


def _bass_periods(p: float, q: float, m: float, ends: np.ndarray) -> np.ndarray:
    """Exact adoptions per period: differences of m·F between period ends (launch at 0)."""
    return np.diff(m * diffusion.bass_cdf(np.concatenate([[0.0], ends]), p, q))


@pytest.mark.parametrize("seed", range(5))
def test_a_well_identified_bass_curve_passes_and_recovers_its_parameters(seed: int) -> None:
    """p = 0.01, q = 0.4 per week, m = 10,000 over 20 weeks (past the peak at week 9),
    Poisson noise: no warning, p within 10 %, q 5 %, m 3 %."""
    counts = np.random.default_rng(seed).poisson(_bass_periods(0.01, 0.4, 10_000, WEEKS))
    fit = diffusion.fit_bass(WEEKS, counts)
    assert check_bass(fit, WEEKS, counts, population=20_000) == []
    assert fit.p == pytest.approx(0.01, rel=0.10)
    assert fit.q == pytest.approx(0.4, rel=0.05)
    assert fit.m == pytest.approx(10_000, rel=0.03)
    assert fit.at_bound == () and not fit.singular


@pytest.mark.parametrize(("weeks", "seed"), [(5, 0), (5, 1), (5, 2), (6, 0), (6, 1), (6, 2)])
def test_an_early_stage_bass_series_cannot_fix_the_market(weeks: int, seed: int) -> None:
    """The same curve seen only for its first 5–6 weeks, before the counts turn: m is
    an extrapolation (the fit's m is 3–14 times the adopters seen) and is flagged."""
    ends = WEEKS[:weeks]
    counts = np.random.default_rng(seed).poisson(_bass_periods(0.01, 0.4, 10_000, ends))
    fit = diffusion.fit_bass(ends, counts)
    codes = {w.code for w in check_bass(fit, ends, counts)}
    assert "market_extrapolated" in codes


def test_a_linear_series_cannot_fix_the_market() -> None:
    """Five adoptions a day for ten days fit any large m: flagged, with the ratio quoted."""
    days = np.arange(1, 11, dtype=float)
    counts = np.full(10, 5.0)
    fit = diffusion.fit_bass(days, counts)
    (warning,) = [w for w in check_bass(fit, days, counts) if w.code == "market_extrapolated"]
    assert warning.values["observed"] == 50
    assert warning.values["m"] > 3 * 50
    assert "times the 50 adopters seen" in warning.message


def test_a_market_larger_than_the_population_is_flagged() -> None:
    counts = np.random.default_rng(0).poisson(_bass_periods(0.01, 0.4, 10_000, WEEKS))
    fit = diffusion.fit_bass(WEEKS, counts)
    warnings = check_bass(fit, WEEKS, counts, population=500)
    assert [w.code for w in warnings] == ["market_above_population"]
    assert warnings[0].values["population"] == 500


def test_a_bass_fit_that_saturates_in_the_first_period_is_degenerate() -> None:
    """Everyone adopts in the first period and nobody after: any p + q large enough fits,
    so the fit is singular (its standard errors come out as 0, not as a warning)."""
    days = np.arange(1, 11, dtype=float)
    counts = np.array([8, 0, 0, 0, 0, 0, 0, 0, 0, 0], dtype=float)
    fit = diffusion.fit_bass(days, counts)
    codes = {w.code for w in check_bass(fit, days, counts, population=8)}
    assert codes & {"singular", "at_bound"}


@pytest.mark.parametrize("seed", range(5))
def test_a_well_identified_sir_curve_passes_and_recovers_its_parameters(seed: int) -> None:
    """β = 0.5, γ = 0.1 per day, N = 10,000, I0 = 10, every 2 days for 80 days, Poisson
    noise: no warning, β and γ within 3 %."""
    days = np.arange(0, 80, 2, dtype=float)
    truth = diffusion.solve_sir(
        days, beta=0.5, gamma=0.1, population=10_000, initial_infected=10, t0=0
    )
    observed = np.random.default_rng(seed).poisson(truth.I)
    fit = diffusion.fit_sir(days, observed, population=10_000, initial_infected=10, t0=0)
    assert check_sir(fit) == []
    assert fit.beta == pytest.approx(0.5, rel=0.03)
    assert fit.gamma == pytest.approx(0.1, rel=0.03)


def test_pure_exponential_growth_cannot_fix_r0() -> None:
    """I = 10·e^(0.4 t) in a population of a million fixes β − γ = 0.4 only: R0's interval
    is unbounded and γ's standard error exceeds γ."""
    t = np.arange(0, 9, dtype=float)
    fit = diffusion.fit_sir(t, 10 * np.exp(0.4 * t), population=1e6)
    assert fit.beta - fit.gamma == pytest.approx(0.4, rel=0.01)
    codes = {w.code for w in check_sir(fit)}
    assert "r0_interval_unbounded" in codes
    assert "uncertain" in codes


@pytest.mark.parametrize("seed", [0, 2])
def test_an_early_sir_series_with_an_absurd_r0_is_flagged(seed: int) -> None:
    """The first five observations of the epidemic above drive γ to the edge of its range
    and R0 to about 8·10⁵: flagged as degenerate and implausible. Whether the optimiser
    stops exactly on γ's bound ("at_bound") or just inside it with a singular
    information matrix ("singular") depends on the machine's floating point; either
    flag says the fit cannot be trusted."""
    days = np.arange(0, 80, 2, dtype=float)
    truth = diffusion.solve_sir(
        days, beta=0.5, gamma=0.1, population=10_000, initial_infected=10, t0=0
    )
    observed = np.random.default_rng(seed).poisson(truth.I)[:5]
    fit = diffusion.fit_sir(days[:5], observed, population=10_000, initial_infected=10, t0=0)
    assert fit.R0 > 1e5
    warnings = check_sir(fit)
    codes = {w.code for w in warnings}
    assert "r0_too_large" in codes
    assert codes & {"at_bound", "singular"}
    (too_large,) = [w for w in warnings if w.code == "r0_too_large"]
    assert too_large.values["limit"] == 100


def test_r0_above_the_population_is_implausible() -> None:
    """In a population of 20 nobody can pass a post on to 50 others."""
    days = np.arange(1, 8, dtype=float)
    fit = diffusion.fit_sir(days, [1, 19, 19, 18, 17, 16, 15], population=20)
    assert fit.R0 > 20
    assert any(w.code == "r0_too_large" and w.values["limit"] == 20 for w in check_sir(fit))
