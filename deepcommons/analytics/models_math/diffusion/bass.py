"""The Bass model of adoption: its curve, and p, q and m fitted to an adoption series."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

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
    MAX_MARKET_MULTIPLE,
    RATE_RANGE_PER_STEP,
    _names_at_bound,
)


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
