"""SIR and Bass fits against the 1978 boarding-school outbreak and known parameters;
stochastic SIR on graphs against exact and percolation results."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from deepcommons.analytics.models_math import diffusion, network

DATA = Path(__file__).parent / "data"
SCHOOL = 763


@pytest.fixture(scope="module")
def flu() -> pd.DataFrame:
    return pd.read_csv(DATA / "influenza_boarding_school_1978.csv")


@pytest.fixture(scope="module")
def flu_fit(flu: pd.DataFrame) -> diffusion.SIRFit:
    return diffusion.fit_sir(flu["day"], flu["in_bed"], population=SCHOOL, initial_infected=1, t0=0)


def test_sir_on_the_1978_boarding_school_outbreak_matches_murray(
    flu_fit: diffusion.SIRFit,
) -> None:
    """BMJ 1978;1(6112):587, 763 boys. Murray, *Mathematical Biology* (vol. I, §10.2,
    fig. 10.2) fits dS/dt = −rSI, dI/dt = rSI − aI with S0 = 762, I0 = 1 and finds
    r = 2.18 × 10⁻³ per day, a = 0.44 per day (ρ = a/r = 202, R0 ≈ 3.8).

    In our frequency-dependent form β = r·N. Least squares agrees within 3 %.
    """
    assert flu_fit.beta / SCHOOL == pytest.approx(2.18e-3, rel=0.03)
    assert flu_fit.gamma == pytest.approx(0.44, rel=0.03)
    r0 = flu_fit.R0
    assert r0 == pytest.approx(762 / 202, rel=0.03)
    assert flu_fit.gamma / (flu_fit.beta / SCHOOL) == pytest.approx(202, rel=0.03)
    # The observed peak was 298 boys on day 6.
    assert flu_fit.peak_time == pytest.approx(6, abs=0.5)
    assert flu_fit.peak_size == pytest.approx(298, rel=0.05)
    assert flu_fit.r_squared > 0.95
    for name in ("beta", "gamma", "R0"):
        low, high = flu_fit.ci[name]
        assert low < getattr(flu_fit, name) < high


def test_sir_prediction_conserves_the_population_and_peaks_where_reported(
    flu_fit: diffusion.SIRFit,
) -> None:
    days = np.linspace(0, 20, 2001)
    path = flu_fit.predict(days)
    assert np.allclose(path.S + path.I + path.R, SCHOOL)
    assert path.S[0] == 762 and path.I[0] == 1
    assert days[np.argmax(path.I)] == pytest.approx(flu_fit.peak_time, abs=0.01)
    assert path.I.max() == pytest.approx(flu_fit.peak_size, rel=1e-4)
    assert SCHOOL - path.S[-1] == pytest.approx(flu_fit.final_size, rel=1e-3)


def test_sir_defaults_start_at_the_first_observation(flu: pd.DataFrame) -> None:
    """t0 = t[0], I0 = infected[0] = 3: the same epidemic, within 5 % of Murray's rates."""
    fit = diffusion.fit_sir(flu["day"], flu["in_bed"], population=SCHOOL)
    assert fit.t0 == 1 and fit.initial_infected == 3
    assert fit.beta / SCHOOL == pytest.approx(2.18e-3, rel=0.05)
    assert fit.gamma == pytest.approx(0.44, rel=0.05)


def test_sir_recovers_known_parameters_from_noisy_counts() -> None:
    """β = 0.5, γ = 0.1 per day, N = 10,000, I0 = 10, Poisson noise: both within 3 %."""
    days = np.arange(0, 80, 2, dtype=float)
    truth = diffusion.solve_sir(
        days, beta=0.5, gamma=0.1, population=10_000, initial_infected=10, t0=0
    )
    observed = np.random.default_rng(1).poisson(truth.I)
    fit = diffusion.fit_sir(days, observed, population=10_000, initial_infected=10, t0=0)
    assert fit.beta == pytest.approx(0.5, rel=0.03)
    assert fit.gamma == pytest.approx(0.1, rel=0.03)
    r0 = fit.R0
    assert r0 == pytest.approx(5, rel=0.03)
    assert fit.ci["R0"][0] < 5 < fit.ci["R0"][1]


def test_sir_peak_is_at_the_start_when_r0_is_below_one() -> None:
    days = np.arange(0, 30, dtype=float)
    truth = diffusion.solve_sir(
        days, beta=0.05, gamma=0.2, population=1000, initial_infected=50, t0=0
    )
    fit = diffusion.fit_sir(days, truth.I, population=1000)
    r0 = fit.R0
    assert r0 == pytest.approx(0.25, rel=0.01)
    assert fit.peak_time == 0 and fit.peak_size == pytest.approx(50)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"infected": [0, 1, 2, 3]}, "initial_infected"),
        ({"population": -5}, "population must be a positive"),
        ({"infected": [1, 2, 3, 2000]}, "exceeds the population"),
        ({"t0": 5}, "after the first observation"),
        ({"infected": [1, 2, np.nan, 3]}, "NaN"),
        ({"t": [1, 2, 3]}, "lengths differ"),
    ],
)
def test_sir_bad_input_says_what_is_wrong(kwargs: dict, message: str) -> None:
    args = {"t": [1, 2, 3, 4], "infected": [1, 5, 9, 6], "population": 1000} | kwargs
    with pytest.raises(ValueError, match=message):
        diffusion.fit_sir(args.pop("t"), args.pop("infected"), **args)


def _bass_periods(p: float, q: float, m: float, ends: np.ndarray) -> np.ndarray:
    """Exact adoptions per period: differences of m·F between period ends (launch at 0)."""
    return np.diff(m * diffusion.bass_cdf(np.concatenate([[0.0], ends]), p, q))


def test_bass_fits_period_counts_as_differences_of_the_cumulative_curve() -> None:
    """Exact period counts give back p, q and m to 1e-6: the fit models a period's count as
    m(F(t_i) − F(t_{i−1})). Fitting the instantaneous rate m·f(t_i) instead would be off by
    several per cent with yearly periods."""
    ends = np.arange(1, 16, dtype=float)
    counts = _bass_periods(0.03, 0.38, 5000, ends)
    fit = diffusion.fit_bass(ends, counts)
    assert fit.p == pytest.approx(0.03, rel=1e-6)
    assert fit.q == pytest.approx(0.38, rel=1e-6)
    assert fit.m == pytest.approx(5000, rel=1e-6)
    assert np.allclose(fit.predict(ends), counts)
    instantaneous = 5000 * np.gradient(diffusion.bass_cdf(ends, 0.03, 0.38), ends)
    assert np.abs(instantaneous / counts - 1).max() > 0.03


def test_bass_recovers_known_parameters_from_noisy_counts() -> None:
    """p = 0.01, q = 0.4 per week, m = 10,000, Poisson noise: p within 10 %, q 5 %, m 3 %."""
    weeks = np.arange(1, 21, dtype=float)
    counts = np.random.default_rng(1).poisson(_bass_periods(0.01, 0.4, 10_000, weeks))
    fit = diffusion.fit_bass(weeks, counts)
    assert fit.p == pytest.approx(0.01, rel=0.10)
    assert fit.q == pytest.approx(0.4, rel=0.05)
    assert fit.m == pytest.approx(10_000, rel=0.03)
    true_peak = np.log(0.4 / 0.01) / 0.41
    assert fit.peak_time == pytest.approx(true_peak, rel=0.05)
    assert fit.peak_rate == pytest.approx(10_000 * 0.41**2 / 1.6, rel=0.05)


def test_bass_fits_a_cumulative_series() -> None:
    weeks = np.arange(1, 21, dtype=float)
    counts = np.random.default_rng(2).poisson(_bass_periods(0.02, 0.3, 8000, weeks))
    fit = diffusion.fit_bass(weeks, np.cumsum(counts), cumulative=True)
    assert fit.cumulative
    assert fit.p == pytest.approx(0.02, rel=0.10)
    assert fit.q == pytest.approx(0.3, rel=0.05)
    assert fit.m == pytest.approx(8000, rel=0.03)
    assert np.allclose(fit.predict(weeks), fit.cumulative_adoptions(weeks))


def test_bass_rejects_a_decreasing_cumulative_series() -> None:
    with pytest.raises(ValueError, match="must not decrease"):
        diffusion.fit_bass([1, 2, 3, 4, 5], [1, 5, 4, 8, 9], cumulative=True)


def test_network_sir_on_a_star_matches_the_exact_expectation() -> None:
    """Seeding the hub of a star with n leaves: each leaf is infected with probability
    T = β/(β+γ) (its Exp(β) delay beats the hub's Exp(γ) period), so E[reach] = 1 + nT.
    2,000 runs put the mean within 1.5 of 1 + 200·0.4 = 81."""
    result = diffusion.simulate_network_sir(
        nx.star_graph(200), beta=2, gamma=3, seeds=[0], runs=2000
    )
    assert result.transmissibility == pytest.approx(0.4)
    assert result.expected_reach == pytest.approx(81, abs=1.5)
    assert result.reach_ci[0] < 81 < result.reach_ci[1]
    assert result.distribution().sum() == 2000


def test_network_sir_attack_rate_matches_percolation_theory() -> None:
    """Newman (2002), "Spread of epidemic disease on networks", Phys. Rev. E 66:016128: on
    a Poisson random graph of mean degree c, a large outbreak infects the fraction S with
    S = 1 − exp(−cTS). c = 4, T = 1/2 gives S = 0.7968; large outbreaks here average
    within 0.02 of it."""
    n = 20_000
    graph = nx.fast_gnp_random_graph(n, 4 / n, seed=1)
    result = diffusion.simulate_network_sir(graph, beta=1, gamma=1, seeds=[0], runs=60)
    large = result.reach[result.reach > 0.1 * n]
    assert len(large) >= 20
    assert large.mean() / n == pytest.approx(0.7968, abs=0.02)


def test_network_sir_on_a_directed_graph_follows_edge_direction() -> None:
    chain = network.follow_graph([("a", "b"), ("b", "c")])
    forward = diffusion.simulate_network_sir(chain, beta=1e6, gamma=1e-6, seeds=["a"], runs=5)
    assert forward.expected_reach == pytest.approx(3)
    backward = diffusion.simulate_network_sir(chain, beta=1e6, gamma=1e-6, seeds=["c"], runs=5)
    assert backward.expected_reach == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"beta": 0}, "beta must be a positive"),
        ({"gamma": -1}, "gamma must be a positive"),
        ({"seeds": ["nobody"]}, "not in the graph"),
        ({"runs": 0}, "runs must be"),
    ],
)
def test_network_sir_bad_input_says_what_is_wrong(kwargs: dict, message: str) -> None:
    args = {"beta": 1.0, "gamma": 1.0, "seeds": [0], "runs": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        diffusion.simulate_network_sir(nx.path_graph(4), **args)
