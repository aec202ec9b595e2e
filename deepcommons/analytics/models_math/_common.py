"""Shared helpers: input checks, least squares with standard errors, fit statistics.

No Django here: everything in `models_math` works on NumPy arrays and pandas
DataFrames alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, stats

FloatArray = NDArray[np.float64]

#: Two-sided coverage of every confidence and prediction interval in this package.
CONFIDENCE = 0.95
#: Singular values of JᵀJ below this fraction of the largest count as zero when it
#: is inverted (NumPy's default): the data carry no information along them.
SINGULAR_RCOND = 1e-15


def as_float_array(
    name: str,
    values: ArrayLike,
    *,
    min_length: int = 1,
    non_negative: bool = False,
    positive: bool = False,
) -> FloatArray:
    """`values` as a finite 1-D float array, or a ValueError that names what is wrong."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numbers: {exc}") from exc
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if len(array) < min_length:
        raise ValueError(f"{name} needs at least {min_length} values, got {len(array)}")
    bad = ~np.isfinite(array)
    if bad.any():
        raise ValueError(
            f"{name} contains {int(bad.sum())} NaN or infinite value(s), "
            f"first at position {int(np.argmax(bad))}"
        )
    if positive and (array <= 0).any():
        raise ValueError(f"{name} must be positive; position {int(np.argmax(array <= 0))} is not")
    if non_negative and (array < 0).any():
        raise ValueError(
            f"{name} must not be negative; position {int(np.argmax(array < 0))} "
            f"is {array[np.argmax(array < 0)]:g}"
        )
    return array


def check_same_length(**arrays: Sized) -> None:
    lengths = {name: len(array) for name, array in arrays.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"lengths differ: {described}")


def check_increasing(name: str, t: FloatArray) -> None:
    steps = np.diff(t)
    if (steps <= 0).any():
        i = int(np.argmax(steps <= 0))
        raise ValueError(
            f"{name} must be strictly increasing; {name}[{i + 1}]={t[i + 1]:g} "
            f"does not follow {name}[{i}]={t[i]:g}"
        )


def check_not_all_zero(name: str, y: FloatArray) -> None:
    if not (y != 0).any():
        raise ValueError(f"{name} is all zeros: there is nothing to fit")


def time_series(
    t: ArrayLike, y: ArrayLike, *, min_points: int, y_name: str = "y", counts: bool = True
) -> tuple[FloatArray, FloatArray]:
    """Check a (t, y) series: same length, enough points, finite, t increasing, y ≥ 0."""
    t_arr = as_float_array("t", t)
    y_arr = as_float_array(y_name, y, non_negative=counts)
    check_same_length(t=t_arr, **{y_name: y_arr})
    if len(t_arr) < min_points:
        raise ValueError(f"need at least {min_points} points to fit, got {len(t_arr)}")
    check_increasing("t", t_arr)
    check_not_all_zero(y_name, y_arr)
    return t_arr, y_arr


@dataclass(frozen=True, eq=False)
class LeastSquares:
    """A least-squares fit in some parametrisation: estimates, covariance, residual sum."""

    params: FloatArray
    cov: FloatArray
    rss: float
    n: int
    success: bool
    #: True for each parameter that ended on one of its bounds.
    at_bound: NDArray[np.bool_]
    #: Number of parameter directions the data determine (k when all of them).
    rank: int

    @property
    def singular(self) -> bool:
        """Some combination of the parameters leaves the residuals unchanged."""
        return self.rank < self.k

    @property
    def k(self) -> int:
        return len(self.params)

    @property
    def dof(self) -> int:
        return max(self.n - self.k, 1)

    @property
    def sigma2(self) -> float:
        """Unbiased residual variance RSS / (n − k)."""
        return self.rss / self.dof


def least_squares(
    residuals: Callable[[FloatArray], FloatArray],
    starts: Sequence[Sequence[float]],
    *,
    n: int,
    bounds: tuple[Sequence[float], Sequence[float]] | None = None,
    max_nfev: int | None = None,
    bound_tolerance: float = 0.0,
) -> LeastSquares:
    """Minimise Σ residuals² from each start and keep the best.

    A parameter counts as `at_bound` when it ends within `bound_tolerance` of
    a finite bound (trf only approaches a bound, never reaches it).

    The covariance is s²(JᵀJ)⁻¹ with s² = RSS/(n − k), the usual asymptotic
    covariance of non-linear least squares (Seber & Wild 1989, §2.1).
    """
    best: Any = None
    lower, upper = bounds if bounds is not None else (-np.inf, np.inf)
    for start in starts:
        x0 = np.asarray(start, dtype=float)
        if bounds is not None:
            x0 = np.clip(x0, np.asarray(lower) + 1e-12, np.asarray(upper) - 1e-12)
        if not np.isfinite(residuals(x0)).all():
            continue
        try:
            result = optimize.least_squares(
                residuals,
                x0,
                bounds=(lower, upper),
                method="trf",
                x_scale="jac",
                max_nfev=max_nfev,
            )
        except (ValueError, FloatingPointError):
            continue
        if not np.isfinite(result.cost):
            continue
        if best is None or result.cost < best.cost:
            best = result
    if best is None:
        raise ValueError("the fit failed from every starting point: the data do not fit this model")
    jac = np.asarray(best.jac, dtype=float)
    rss = float(2 * best.cost)
    k = len(best.x)
    sigma2 = rss / max(n - k, 1)
    try:
        information = jac.T @ jac
        # pinv drops the directions the data do not determine; `rank` counts the rest.
        values = np.linalg.svd(information, compute_uv=False)
        rank = int((values > SINGULAR_RCOND * values.max()).sum()) if values.max() > 0 else 0
        cov = np.linalg.pinv(information, rcond=SINGULAR_RCOND) * sigma2
    except np.linalg.LinAlgError:
        cov = np.full((k, k), np.nan)
        rank = 0
    return LeastSquares(
        params=np.asarray(best.x, dtype=float),
        cov=cov,
        rss=rss,
        n=n,
        success=bool(best.success),
        at_bound=(np.asarray(best.active_mask, dtype=int) != 0)
        | (np.abs(best.x - np.asarray(lower, dtype=float)) <= bound_tolerance)
        | (np.abs(np.asarray(upper, dtype=float) - best.x) <= bound_tolerance),
        rank=rank,
    )


def gaussian_log_likelihood(rss: float, n: int) -> float:
    """Maximised Gaussian log-likelihood of n residuals with sum of squares `rss`.

    Uses the MLE σ̂² = RSS/n, so LL = −n/2 · (ln(2π RSS/n) + 1), summed over all points.
    """
    rss = max(rss, 1e-300)
    return float(-0.5 * n * (np.log(2 * np.pi * rss / n) + 1))


def aic(log_likelihood: float, n_params: int) -> float:
    return float(2 * n_params - 2 * log_likelihood)


def r_squared(y: FloatArray, fitted: FloatArray) -> float:
    total = float(((y - y.mean()) ** 2).sum())
    if total == 0:
        return float("nan")
    return float(1 - ((y - fitted) ** 2).sum() / total)


def t_quantile(dof: int) -> float:
    return float(stats.t.ppf(0.5 + CONFIDENCE / 2, max(dof, 1)))


def z_quantile() -> float:
    return float(stats.norm.ppf(0.5 + CONFIDENCE / 2))


def interval(value: float, se: float, q: float) -> tuple[float, float]:
    return (value - q * se, value + q * se)


def delta_cov(jacobian: FloatArray, cov: FloatArray) -> FloatArray:
    """Covariance of g(θ) by the delta method, given ∂g/∂θ (rows: outputs)."""
    return jacobian @ cov @ jacobian.T


def numeric_jacobian(
    func: Callable[[FloatArray], FloatArray], params: FloatArray, rel_step: float = 1e-6
) -> FloatArray:
    """Central-difference Jacobian of a vector function (columns: parameters)."""
    base = np.asarray(func(params), dtype=float)
    jac = np.empty((base.size, params.size))
    for i in range(params.size):
        h = rel_step * max(abs(params[i]), 1e-8)
        up = params.copy()
        down = params.copy()
        up[i] += h
        down[i] -= h
        jac[:, i] = (np.asarray(func(up)) - np.asarray(func(down))).ravel() / (2 * h)
    return jac
