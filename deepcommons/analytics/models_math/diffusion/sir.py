"""The SIR epidemic ODE: its solution, and β and γ fitted to an infected series."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from scipy import integrate

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
)
from deepcommons.analytics.models_math.diffusion.bounds import (
    _NEAR_EDGE,
    RATE_RANGE_PER_STEP,
    _names_at_bound,
)


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
