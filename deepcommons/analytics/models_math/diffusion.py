"""Content diffusion: the SIR epidemic ODE, the Bass model, and stochastic SIR on a graph.

Time is in the units the caller passes: β, γ, p and q are rates "per unit of t".

SIR (Kermack & McKendrick 1927), frequency-dependent form with N = S + I + R:

    dS/dt = −β S I / N,   dI/dt = β S I / N − γ I,   dR/dt = γ I,   R0 = β / γ

It is fitted by least squares of the ODE solution at the observation times to
the observed infected counts.

Bass (1969): the fraction of the market m that has adopted by time τ after launch is

    F(τ) = (1 − e^(−(p+q) τ)) / (1 + (q/p) e^(−(p+q) τ))

Adoptions in a period are counts, so a per-period series is fitted to
m · (F(t_i) − F(t_{i−1})), the difference of the cumulative curve between the
period's ends (Srinivasan & Mason 1986), never to the instantaneous rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import integrate
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order

from deepcommons.analytics.models_math._common import (
    FloatArray,
    aic,
    as_float_array,
    delta_cov,
    gaussian_log_likelihood,
    interval,
    least_squares,
    r_squared,
    t_quantile,
    time_series,
    z_quantile,
)

#: Search range of every rate (β, γ, p, q), per time step of the data: below it a
#: process does not move within any realistic window, above it everything happens
#: within a hundredth of a step. A fit that ends on an edge is not determined by
#: the data (`plausibility` flags it).
RATE_RANGE_PER_STEP = (1e-6, 1e2)
#: The Bass market size m is searched up to this multiple of the adopters seen.
MAX_MARKET_MULTIPLE = 1e4
#: A parameter within 5 % of an edge of its search range counts as on the edge.
_NEAR_EDGE = float(np.log(1.05))

# --------------------------------------------------------------------------- SIR


class SIRPath(NamedTuple):
    """Compartment sizes at each requested time."""

    t: FloatArray
    S: FloatArray
    I: FloatArray  # noqa: E741 - the compartment's name
    R: FloatArray


def solve_sir(
    t: ArrayLike,
    *,
    beta: float,
    gamma: float,
    population: float,
    initial_infected: float,
    t0: float,
    initial_recovered: float = 0.0,
) -> SIRPath:
    """Integrate the SIR ODE from (t0, S0, I0, R0) and read it at each `t` (any order).

    Times before t0 are integrated backwards from the same initial state.
    """
    t_arr = as_float_array("t", t)
    y0 = np.array(
        [population - initial_infected - initial_recovered, initial_infected, initial_recovered]
    )

    def rhs(_t: float, y: FloatArray) -> list[float]:
        s, i, _r = y
        force = beta * s * i / population
        return [-force, force - gamma * i, gamma * i]

    out = np.empty((3, len(t_arr)))
    for side in (t_arr >= t0, t_arr < t0):
        if not side.any():
            continue
        targets = t_arr[side]
        order = np.argsort(targets) if targets[0] >= t0 else np.argsort(-targets)
        ordered = targets[order]
        end = float(ordered[-1])
        if end == t0:
            out[:, np.flatnonzero(side)] = y0[:, None]
            continue
        solution = integrate.solve_ivp(
            rhs,
            (t0, end),
            y0,
            t_eval=ordered,
            method="LSODA",
            rtol=1e-8,
            atol=1e-8 * max(population, 1.0),
        )
        if not solution.success:
            raise ValueError(f"the SIR ODE could not be integrated: {solution.message}")
        values = np.empty((3, len(ordered)))
        values[:, order] = solution.y
        out[:, np.flatnonzero(side)] = values
    return SIRPath(t_arr, out[0], out[1], out[2])


@dataclass(frozen=True, eq=False)
class SIRFit:
    """β and γ of the SIR ODE fitted to an infected series.

    beta and gamma are per unit of t; R0 = β/γ; peak_time is in units of t and
    peak_size is the largest number infected at once. `se` and `ci` (95 %)
    hold beta, gamma and R0 (delta method). Goodness of fit is on the infected
    counts. `at_bound` names the rates that ended on an edge of the search
    range (`RATE_RANGE_PER_STEP`), i.e. that the data do not determine;
    `singular` says that some combination of β and γ leaves the fit unchanged.
    """

    beta: float
    gamma: float
    R0: float  # noqa: N815 - the conventional name
    peak_time: float
    peak_size: float
    population: float
    initial_infected: float
    t0: float
    se: dict[str, float]
    ci: dict[str, tuple[float, float]]
    r_squared: float
    log_likelihood: float
    aic: float
    n: int
    at_bound: tuple[str, ...] = ()
    singular: bool = False

    def predict(self, t: ArrayLike) -> SIRPath:
        """S, I and R of the fitted model at `t`."""
        return solve_sir(
            t,
            beta=self.beta,
            gamma=self.gamma,
            population=self.population,
            initial_infected=self.initial_infected,
            t0=self.t0,
        )

    @property
    def final_size(self) -> float:
        """Total ever infected as t → ∞: N − S(∞)."""
        return self.population - _final_susceptible(
            self.R0, self.population, self.population - self.initial_infected
        )


def _final_susceptible(r0: float, population: float, s0: float) -> float:
    """S(∞) from the final-size relation ln(S∞/S0) = −R0 (N − S∞)/N (I0 small or not)."""
    from scipy.optimize import brentq

    def g(s: float) -> float:
        return np.log(s / s0) + r0 * (population - s) / population

    low = 1e-12 * population
    if g(low) * g(s0 * (1 - 1e-12)) > 0:
        return s0
    return float(brentq(g, low, s0 * (1 - 1e-12)))


def _sir_peak(
    beta: float, gamma: float, population: float, i0: float, t0: float
) -> tuple[float, float]:
    """Time and size of the infected peak; at t0 when I only declines from the start."""
    s0 = population - i0
    if beta * s0 / population <= gamma:
        return t0, i0
    r0 = beta / gamma
    # Conservation law I + S − (N/R0) ln S = const, at the peak S = N/R0.
    size = i0 + s0 - (population / r0) * (1 + np.log(r0 * s0 / population))

    def peak_event(_t: float, y: FloatArray) -> float:
        return beta * y[0] / population - gamma

    peak_event.terminal = True  # type: ignore[attr-defined]
    horizon = t0 + 100 * (1 + np.log(max(population, 2))) / gamma
    solution = integrate.solve_ivp(
        lambda _t, y: [
            -beta * y[0] * y[1] / population,
            beta * y[0] * y[1] / population - gamma * y[1],
        ],
        (t0, horizon),
        [s0, i0],
        events=peak_event,
        method="LSODA",
        rtol=1e-10,
        atol=1e-10 * population,
    )
    when = float(solution.t_events[0][0]) if len(solution.t_events[0]) else float("nan")
    return when, float(size)


def fit_sir(
    t: ArrayLike,
    infected: ArrayLike,
    *,
    population: float,
    initial_infected: float | None = None,
    t0: float | None = None,
) -> SIRFit:
    """Fit β and γ so that the SIR solution's I(t) matches `infected` at each t.

    Defaults: t0 = t[0], I(t0) = infected[0], R(t0) = 0, everyone else
    susceptible. Pass `t0` and `initial_infected` when the outbreak started
    before the first observation (e.g. one index case on day 0). Least squares
    is on the counts; β and γ are searched on a log scale from a grid of
    starting values (R0 from 1.5 to 8, infectious periods from 1 to 20 time
    steps), so no hints are needed.
    """
    t_arr, i_arr = time_series(t, infected, min_points=3, y_name="infected")
    population = float(population)
    if not np.isfinite(population) or population <= 0:
        raise ValueError("population must be a positive number")
    if i_arr.max() > population:
        raise ValueError(f"infected exceeds the population ({i_arr.max():g} > {population:g})")
    start_time = float(t_arr[0]) if t0 is None else float(t0)
    if start_time > t_arr[0]:
        raise ValueError(f"t0={start_time:g} is after the first observation t[0]={t_arr[0]:g}")
    i0 = float(i_arr[0]) if initial_infected is None else float(initial_infected)
    if not 0 < i0 < population:
        raise ValueError(
            f"initial infected must be between 0 and the population, got {i0:g}"
            + (" (infected[0] is 0: pass initial_infected and t0)" if i0 == 0 else "")
        )

    def model(theta: FloatArray) -> FloatArray:
        beta, gamma = np.exp(theta)
        return solve_sir(
            t_arr, beta=beta, gamma=gamma, population=population, initial_infected=i0, t0=start_time
        ).I

    def residuals(theta: FloatArray) -> FloatArray:
        return model(theta) - i_arr

    step = float(np.median(np.diff(t_arr)))
    grid = [
        (np.log(r0 / (period * step)), np.log(1 / (period * step)))
        for r0 in (1.5, 3.0, 8.0)
        for period in (1.0, 3.0, 8.0, 20.0)
    ]
    scored = sorted(grid, key=lambda theta: float((residuals(np.array(theta)) ** 2).sum()))
    low, high = np.log(np.array(RATE_RANGE_PER_STEP) / step)
    fit = least_squares(
        residuals,
        scored[:3],
        n=len(t_arr),
        bounds=([low, low], [high, high]),
        bound_tolerance=_NEAR_EDGE,
    )
    beta, gamma = (float(v) for v in np.exp(fit.params))
    # Covariance of (β, γ, R0) from that of (ln β, ln γ).
    jac = np.array([[beta, 0.0], [0.0, gamma], [beta / gamma, -beta / gamma]])
    cov = delta_cov(jac, fit.cov)
    se_values = np.sqrt(np.maximum(np.diag(cov), 0))
    q = t_quantile(fit.dof)
    r0 = beta / gamma
    se = {"beta": float(se_values[0]), "gamma": float(se_values[1]), "R0": float(se_values[2])}
    values = {"beta": beta, "gamma": gamma, "R0": r0}
    peak_time, peak_size = _sir_peak(beta, gamma, population, i0, start_time)
    ll = gaussian_log_likelihood(fit.rss, len(t_arr))
    return SIRFit(
        beta=beta,
        gamma=gamma,
        R0=r0,
        peak_time=peak_time,
        peak_size=peak_size,
        population=population,
        initial_infected=i0,
        t0=start_time,
        se=se,
        ci={name: interval(values[name], se[name], q) for name in values},
        r_squared=r_squared(i_arr, model(fit.params)),
        log_likelihood=ll,
        aic=aic(ll, 3),
        n=len(t_arr),
        at_bound=_names_at_bound(("beta", "gamma"), fit.at_bound),
        singular=fit.singular,
    )


# -------------------------------------------------------------------------- Bass


def bass_cdf(tau: ArrayLike, p: float, q: float) -> FloatArray:
    """F(τ): fraction adopted τ time units after launch (0 before launch)."""
    tau_arr = np.maximum(np.asarray(tau, dtype=float), 0.0)
    decay = np.exp(-(p + q) * tau_arr)
    return np.asarray((1 - decay) / (1 + (q / p) * decay), dtype=float)


@dataclass(frozen=True, eq=False)
class BassFit:
    """Bass model: innovation p and imitation q (per unit of t), market size m.

    `launch` is the time at which F = 0. `peak_time` = launch + ln(q/p)/(p+q)
    when q > p (else the launch): the time of the highest adoption rate.
    `cumulative` records what was fitted: per-period counts or the cumulative
    series. `se`/`ci` (95 %) hold p, q and m. `at_bound` names the parameters
    that ended on an edge of the search range (rates in `RATE_RANGE_PER_STEP`,
    m up to `MAX_MARKET_MULTIPLE` × the adopters seen): the data do not
    determine them; `singular` says that some combination of p, q and m leaves
    the fit unchanged.
    """

    p: float
    q: float
    m: float
    launch: float
    peak_time: float
    cumulative: bool
    se: dict[str, float]
    ci: dict[str, tuple[float, float]]
    r_squared: float
    log_likelihood: float
    aic: float
    n: int
    at_bound: tuple[str, ...] = ()
    singular: bool = False

    def cumulative_adoptions(self, t: ArrayLike) -> FloatArray:
        """m · F(t − launch): adopters by time t."""
        return self.m * bass_cdf(as_float_array("t", t) - self.launch, self.p, self.q)

    def per_period(self, t: ArrayLike) -> FloatArray:
        """Adoptions in each period ending at t[i] (the first starting at the launch,
        or one median step before t[0] if that is later): differences of m · F."""
        t_arr = as_float_array("t", t)
        step = float(np.median(np.diff(t_arr))) if len(t_arr) > 1 else 1.0
        first_start = max(self.launch, float(t_arr[0]) - step)
        ends = self.cumulative_adoptions(t_arr)
        starts = self.cumulative_adoptions(np.concatenate([[first_start], t_arr[:-1]]))
        return ends - starts

    def predict(self, t: ArrayLike) -> FloatArray:
        """What was fitted, at t: per-period adoptions, or cumulative if fitted so."""
        return self.cumulative_adoptions(t) if self.cumulative else self.per_period(t)

    @property
    def peak_rate(self) -> float:
        """Highest instantaneous adoption rate, m (p+q)² / (4q), per unit of t (q > p)."""
        if self.q <= self.p:
            return self.m * self.p
        return self.m * (self.p + self.q) ** 2 / (4 * self.q)


def fit_bass(
    t: ArrayLike,
    adoptions: ArrayLike,
    *,
    cumulative: bool = False,
    launch: float | None = None,
) -> BassFit:
    """Fit the Bass model by non-linear least squares (Srinivasan & Mason 1986).

    `adoptions[i]` is the count in the period (t[i−1], t[i]] or, with
    `cumulative=True`, the total adopters by t[i]. `launch` (F = 0) defaults to
    one step before t[0], so the first value covers the first period after
    launch. Per-period counts are matched to m (F(t_i) − F(t_{i−1})); the first
    period starts at the launch.
    """
    t_arr, a_arr = time_series(t, adoptions, min_points=4, y_name="adoptions")
    if cumulative and (np.diff(a_arr) < 0).any():
        raise ValueError("cumulative adoptions must not decrease")
    step = float(np.median(np.diff(t_arr)))
    start = float(t_arr[0] - step) if launch is None else float(launch)
    if start >= t_arr[0]:
        raise ValueError(f"launch={start:g} must be before the first observation t[0]={t_arr[0]:g}")
    total = float(a_arr[-1] if cumulative else a_arr.sum())
    boundaries = np.concatenate([[start], t_arr])

    def model(theta: FloatArray) -> FloatArray:
        p, q, m = np.exp(theta)
        curve = m * bass_cdf(boundaries - start, p, q)
        return curve[1:] if cumulative else np.diff(curve)

    def residuals(theta: FloatArray) -> FloatArray:
        return model(theta) - a_arr

    grid = [
        (np.log(p / step), np.log(q / step), np.log(total * factor))
        for p in (0.002, 0.01, 0.03, 0.1)
        for q in (0.05, 0.2, 0.5, 1.0)
        for factor in (1.05, 1.5, 3.0, 10.0)
    ]
    scored = sorted(grid, key=lambda theta: float((residuals(np.array(theta)) ** 2).sum()))
    low, high = np.log(np.array(RATE_RANGE_PER_STEP) / step)
    bounds = ([low, low, -np.inf], [high, high, np.log(MAX_MARKET_MULTIPLE * total)])
    fit = least_squares(
        residuals, scored[:4], n=len(t_arr), bounds=bounds, bound_tolerance=_NEAR_EDGE
    )
    p, q, m = (float(v) for v in np.exp(fit.params))
    cov = delta_cov(np.diag([p, q, m]), fit.cov)
    se_values = np.sqrt(np.maximum(np.diag(cov), 0))
    se = {"p": float(se_values[0]), "q": float(se_values[1]), "m": float(se_values[2])}
    values = {"p": p, "q": q, "m": m}
    quantile = t_quantile(fit.dof)
    peak = start + (np.log(q / p) / (p + q) if q > p else 0.0)
    ll = gaussian_log_likelihood(fit.rss, len(t_arr))
    return BassFit(
        p=p,
        q=q,
        m=m,
        launch=start,
        peak_time=float(peak),
        cumulative=cumulative,
        se=se,
        ci={name: interval(values[name], se[name], quantile) for name in values},
        r_squared=r_squared(a_arr, model(fit.params)),
        log_likelihood=ll,
        aic=aic(ll, 4),
        n=len(t_arr),
        at_bound=_names_at_bound(("p", "q", "m"), fit.at_bound),
        singular=fit.singular,
    )


def _names_at_bound(names: tuple[str, ...], at_bound: np.ndarray) -> tuple[str, ...]:
    return tuple(name for name, hit in zip(names, at_bound.tolist(), strict=True) if hit)


# ------------------------------------------------------------ SIR on a network


@dataclass(frozen=True, eq=False)
class NetworkSIRResult:
    """Final outbreak sizes of stochastic SIR runs on a graph.

    `reach` is the number ever infected in each run (seeds included);
    `expected_reach` its mean with a 95 % normal interval for that mean;
    `transmissibility` T = β/(β+γ) is the probability that an infected node
    infects a given neighbour before recovering.
    """

    reach: np.ndarray = field(repr=False)
    expected_reach: float
    reach_ci: tuple[float, float]
    reach_std: float
    quantiles: dict[float, float]
    n_nodes: int
    transmissibility: float
    runs: int

    @property
    def attack_rate(self) -> float:
        """Expected fraction of the graph ever infected."""
        return self.expected_reach / self.n_nodes

    def distribution(self) -> pd.Series:
        """How many runs reached each final size."""
        return pd.Series(self.reach).value_counts().sort_index()


def simulate_network_sir(
    graph: Any,
    *,
    beta: float,
    gamma: float,
    seeds: ArrayLike | list[Any],
    runs: int = 100,
    random_state: int = 0,
) -> NetworkSIRResult:
    """Continuous-time stochastic SIR on `graph` (a `network.SocialGraph` or networkx graph).

    Each infected node stays infectious for an Exp(γ) time and infects each
    neighbour after an Exp(β) delay if it is still infectious then. For the
    final size this is simulated exactly as percolation on the directed
    "epidemic percolation network" (Kenah & Robins 2007): per run, each node
    draws its infectious period τ, each edge u→v is open when its Exp(β) delay
    is < τ_u, and the outbreak is every node reachable from the seeds through
    open edges. On a directed graph infection follows edge direction (pass a
    follow graph reversed so that it flows from the followed to followers).
    """
    from deepcommons.analytics.models_math.network import as_social_graph

    if not (np.isfinite(beta) and beta > 0):
        raise ValueError("beta must be a positive rate")
    if not (np.isfinite(gamma) and gamma > 0):
        raise ValueError("gamma must be a positive rate")
    if runs < 1:
        raise ValueError("runs must be at least 1")
    g = as_social_graph(graph)
    n = g.n_nodes
    seed_list = list(np.atleast_1d(np.asarray(seeds, dtype=object)))
    if not seed_list:
        raise ValueError("seeds must name at least one node")
    missing = [s for s in seed_list if s not in g.index]
    if missing:
        raise ValueError(f"seeds not in the graph: {missing[:5]}")
    seed_idx = np.unique([g.index[s] for s in seed_list])
    src, dst = g.src, g.dst
    if not g.directed:
        src, dst = np.concatenate([g.src, g.dst]), np.concatenate([g.dst, g.src])
    rng = np.random.default_rng(random_state)
    reach = np.empty(runs, dtype=np.int64)
    super_node = n
    seed_src = np.full(len(seed_idx), super_node)
    for run in range(runs):
        period = rng.exponential(1 / gamma, size=n)
        delay = rng.exponential(1 / beta, size=len(src))
        open_edges = delay < period[src]
        rows = np.concatenate([src[open_edges], seed_src])
        cols = np.concatenate([dst[open_edges], seed_idx])
        adjacency = csr_matrix(
            (np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n + 1, n + 1)
        )
        order = breadth_first_order(adjacency, super_node, directed=True, return_predecessors=False)
        reach[run] = len(order) - 1
    mean = float(reach.mean())
    std = float(reach.std(ddof=1)) if runs > 1 else 0.0
    half = z_quantile() * std / np.sqrt(runs)
    return NetworkSIRResult(
        reach=reach,
        expected_reach=mean,
        reach_ci=(mean - half, mean + half),
        reach_std=std,
        quantiles={q: float(np.quantile(reach, q)) for q in (0.05, 0.25, 0.5, 0.75, 0.95)},
        n_nodes=n,
        transmissibility=beta / (beta + gamma),
        runs=runs,
    )
