"""Fitting the growth curves by least squares, and `compare`, which ranks them by AIC."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
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
from deepcommons.analytics.models_math.growth.curves import (
    CurveFit,
    ExponentialFit,
    GompertzFit,
    LogisticFit,
)

MIN_POINTS = {"exponential": 3, "logistic": 4, "gompertz": 4}


def _finish(
    cls: type[CurveFit],
    t: FloatArray,
    y: FloatArray,
    theta: FloatArray,
    cov: FloatArray,
    rss: float,
    names: tuple[str, ...],
    extra: dict[str, tuple[float, float]] | None = None,
) -> CurveFit:
    """Build the result: named estimates, SEs, 95 % intervals and fit statistics."""
    n, k = len(t), len(theta)
    q = t_quantile(n - k)
    se_all = np.sqrt(np.maximum(np.diag(cov), 0))
    params = {name: float(v) for name, v in zip(names, theta, strict=True)}
    se = {name: float(s) for name, s in zip(names, se_all, strict=True)}
    for name, (value, err) in (extra or {}).items():
        params[name] = float(value)
        se[name] = float(err)
    ci = {name: interval(params[name], se[name], q) for name in params}
    ll = gaussian_log_likelihood(rss, n)
    return cls(
        params=params,
        se=se,
        ci=ci,
        r_squared=r_squared(y, cls.curve(t, theta)),
        log_likelihood=ll,
        aic=aic(ll, k + 1),
        n=n,
        sigma=float(np.sqrt(rss / max(n - k, 1))),
        theta=theta,
        cov=cov,
    )


def _loglinear(t: FloatArray, y: FloatArray) -> tuple[float, float]:
    """OLS of ln y on t over the positive points: (intercept, slope)."""
    mask = y > 0
    if mask.sum() < 2:
        return float(np.log(max(y.max(), 1e-12))), 0.0
    slope, intercept = np.polyfit(t[mask], np.log(y[mask]), 1)
    return float(intercept), float(slope)


def fit_exponential(t: ArrayLike, y: ArrayLike) -> ExponentialFit:
    """Fit y = y0 · e^(r t) by least squares on y.

    Starts from the log-linear regression; the fit itself is on the original
    scale, like the other growth models, so their AICs compare. To keep the
    problem well conditioned it is solved as y = A · e^(r (t − t̄)), and
    y0 = A · e^(−r t̄) with its standard error by the delta method.
    """
    t_arr, y_arr = time_series(t, y, min_points=MIN_POINTS["exponential"])
    center = float(t_arr.mean())
    tc = t_arr - center
    intercept, slope = _loglinear(tc, y_arr)

    def residuals(theta: FloatArray) -> FloatArray:
        return ExponentialFit.curve(tc, theta) - y_arr

    fit = least_squares(
        residuals,
        [(np.exp(intercept), slope), (y_arr.mean(), 0.0)],
        n=len(t_arr),
        bounds=([0.0, -np.inf], [np.inf, np.inf]),
    )
    a, r = fit.params
    y0 = a * np.exp(-r * center)
    theta = np.array([y0, r])
    # ∂(y0, r)/∂(A, r)
    jac = np.array([[np.exp(-r * center), -center * y0], [0.0, 1.0]])
    cov = delta_cov(jac, fit.cov)
    doubling = np.log(2) / r if r != 0 else np.inf
    doubling_se = np.log(2) / r**2 * np.sqrt(max(cov[1, 1], 0)) if r != 0 else np.nan
    result = _finish(
        ExponentialFit,
        t_arr,
        y_arr,
        theta,
        cov,
        fit.rss,
        ("y0", "r"),
        extra={"doubling_time": (doubling, doubling_se)},
    )
    assert isinstance(result, ExponentialFit)
    return result


def _sigmoid_starts(
    t: FloatArray, y: FloatArray, link: Callable[[FloatArray], FloatArray]
) -> list[tuple[float, float, float]]:
    """Starting (K, r, t0) for the logistic or Gompertz curve.

    For capacities K from just above max(y) to 10 × max(y), the link turns the
    curve into a straight line in t (logit for the logistic, −ln(−ln(y/K)) for
    Gompertz) whose slope and intercept give r and t0.
    """
    top = float(y.max())
    span = float(t[-1] - t[0]) or 1.0
    starts: list[tuple[float, float, float]] = [(2 * top, 4 / span, float(np.median(t)))]
    mask = y > 0
    for factor in (1.02, 1.1, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0):
        k = factor * top
        if mask.sum() < 2:
            break
        z = link(y[mask] / k)
        slope, intercept = np.polyfit(t[mask], z, 1)
        if slope > 0 and np.isfinite(intercept):
            starts.append((k, float(slope), float(-intercept / slope)))
    return starts


def _fit_sigmoid(cls: type[CurveFit], t: ArrayLike, y: ArrayLike, link: Callable) -> CurveFit:
    t_arr, y_arr = time_series(t, y, min_points=MIN_POINTS[cls.model])

    def residuals(theta: FloatArray) -> FloatArray:
        return cls.curve(t_arr, theta) - y_arr

    # Optimise from the three starts that already fit best; K is capped at
    # 10⁴ × max(y) so a series with no visible saturation cannot wander off.
    starts = sorted(
        _sigmoid_starts(t_arr, y_arr, link),
        key=lambda theta: float(np.nan_to_num((residuals(np.array(theta)) ** 2).sum(), nan=np.inf)),
    )[:3]
    fit = least_squares(
        residuals,
        starts,
        n=len(t_arr),
        bounds=([0.0, 0.0, -np.inf], [1e4 * float(y_arr.max()), np.inf, np.inf]),
        max_nfev=400,
    )
    return _finish(cls, t_arr, y_arr, fit.params, fit.cov, fit.rss, ("K", "r", "t0"))


def fit_logistic(t: ArrayLike, y: ArrayLike) -> LogisticFit:
    """Fit y = K / (1 + e^(−r (t − t0))) by least squares, from several robust starts.

    No hints are needed: starting values come from linearising the curve for a
    range of capacities (see `_sigmoid_starts`) and the best optimum is kept.
    """
    result = _fit_sigmoid(
        LogisticFit, t, y, lambda p: np.log(np.clip(p, 1e-12, 1 - 1e-12) / (1 - p))
    )
    assert isinstance(result, LogisticFit)
    return result


def fit_gompertz(t: ArrayLike, y: ArrayLike) -> GompertzFit:
    """Fit y = K · exp(−e^(−r (t − t0))) by least squares."""
    result = _fit_sigmoid(
        GompertzFit, t, y, lambda p: -np.log(-np.log(np.clip(p, 1e-12, 1 - 1e-12)))
    )
    assert isinstance(result, GompertzFit)
    return result


FITTERS: dict[str, Callable[[ArrayLike, ArrayLike], CurveFit]] = {
    "exponential": fit_exponential,
    "logistic": fit_logistic,
    "gompertz": fit_gompertz,
}


@dataclass(frozen=True, eq=False)
class GrowthComparison:
    """Several growth models fitted to one series, ranked by AIC (best first).

    `ranking` has one row per model that fitted: aic, delta_aic (to the best)
    and the Akaike weight exp(−Δ/2)/Σ exp(−Δ/2). `forecast` has one row per
    model and forecast time: mean and the 95 % prediction interval.
    `failed` names the models that could not be fitted, with the reason.
    """

    fits: dict[str, CurveFit]
    ranking: pd.DataFrame
    forecast: pd.DataFrame
    failed: dict[str, str]

    @property
    def best(self) -> CurveFit:
        return self.fits[str(self.ranking.index[0])]

    def predict(self, t: ArrayLike) -> FloatArray:
        """The best model's curve at `t`."""
        return self.best.predict(t)


def compare(
    t: ArrayLike,
    y: ArrayLike,
    *,
    forecast_t: ArrayLike | None = None,
    models: tuple[str, ...] = ("exponential", "logistic", "gompertz"),
) -> GrowthComparison:
    """Fit each model, rank them by AIC and forecast with prediction intervals.

    `forecast_t` defaults to the next ⌈n/4⌉ steps after the last t at the
    median spacing of t.
    """
    unknown = [name for name in models if name not in FITTERS]
    if unknown or not models:
        raise ValueError(f"unknown model(s) {unknown}; choose from {sorted(FITTERS)}")
    t_arr, y_arr = time_series(t, y, min_points=min(MIN_POINTS[m] for m in models))
    if forecast_t is None:
        step = float(np.median(np.diff(t_arr)))
        horizon = max(1, int(np.ceil(len(t_arr) / 4)))
        future = t_arr[-1] + step * np.arange(1, horizon + 1)
    else:
        future = as_float_array("forecast_t", forecast_t)
    fits: dict[str, CurveFit] = {}
    failed: dict[str, str] = {}
    for name in models:
        try:
            fits[name] = FITTERS[name](t_arr, y_arr)
        except ValueError as exc:
            failed[name] = str(exc)
    if not fits:
        raise ValueError(f"no growth model could be fitted: {failed}")
    aics = pd.Series({name: fit.aic for name, fit in fits.items()}).sort_values()
    delta = aics - aics.iloc[0]
    weights = np.exp(-delta / 2)
    ranking = pd.DataFrame({"aic": aics, "delta_aic": delta, "weight": weights / weights.sum()})
    rows = []
    for name, fit in fits.items():
        mean = fit.predict(future)
        lower, upper = fit.prediction_interval(future)
        for i, when in enumerate(future):
            rows.append(
                {"model": name, "t": when, "mean": mean[i], "lower": lower[i], "upper": upper[i]}
            )
    return GrowthComparison(
        fits={name: fits[name] for name in ranking.index},
        ranking=ranking,
        forecast=pd.DataFrame(rows),
        failed=failed,
    )
