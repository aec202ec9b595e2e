"""The growth curves as fitted results: each model's formula, parameters and predictions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from deepcommons.analytics.models_math._common import (
    FloatArray,
    as_float_array,
    numeric_jacobian,
    t_quantile,
)


@dataclass(frozen=True, eq=False)
class CurveFit:
    """A fitted growth curve: named parameters, their errors and the goodness of fit.

    `params`, `se` and `ci` are keyed by parameter name. `log_likelihood` and
    `aic` count the error variance as a parameter (k + 1); `sigma` is the
    residual standard deviation √(RSS / (n − k)).
    """

    model: ClassVar[str] = ""

    params: dict[str, float]
    se: dict[str, float]
    ci: dict[str, tuple[float, float]]
    r_squared: float
    log_likelihood: float
    aic: float
    n: int
    sigma: float
    theta: FloatArray = field(repr=False)
    cov: FloatArray = field(repr=False)

    @staticmethod
    def curve(t: FloatArray, theta: FloatArray) -> FloatArray:  # pragma: no cover - abstract
        raise NotImplementedError

    def predict(self, t: ArrayLike) -> FloatArray:
        """The fitted curve at `t` (same units as the fitted t)."""
        return self.curve(as_float_array("t", t), self.theta)

    def prediction_interval(self, t: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """95 % prediction interval for a new observation at each `t`.

        Var = gᵀ Cov(θ) g + s², with g = ∂f/∂θ at t (delta method) and s² the
        residual variance; the quantile is Student's t with n − k degrees of freedom.
        """
        t_arr = as_float_array("t", t)
        mean = self.curve(t_arr, self.theta)
        grad = numeric_jacobian(lambda theta: self.curve(t_arr, theta), self.theta)
        var = np.einsum("ij,jk,ik->i", grad, self.cov, grad) + self.sigma**2
        half = t_quantile(self.n - len(self.theta)) * np.sqrt(np.maximum(var, 0))
        return mean - half, mean + half


@dataclass(frozen=True, eq=False)
class ExponentialFit(CurveFit):
    """y = y0 · e^(r t). `r` is per unit of t; the doubling time is ln 2 / r.

    A negative doubling time is a halving time (the series declines). y0 is the
    value at t = 0, which is an extrapolation when t is, say, a calendar year.
    """

    model: ClassVar[str] = "exponential"

    @staticmethod
    def curve(t: FloatArray, theta: FloatArray) -> FloatArray:
        y0, r = theta
        return np.asarray(y0 * np.exp(np.clip(r * t, -700, 700)), dtype=float)

    @property
    def y0(self) -> float:
        return self.params["y0"]

    @property
    def r(self) -> float:
        return self.params["r"]

    @property
    def doubling_time(self) -> float:
        return self.params["doubling_time"]


@dataclass(frozen=True, eq=False)
class LogisticFit(CurveFit):
    """y = K / (1 + e^(−r (t − t0))): capacity K, rate r per unit of t, midpoint t0.

    The inflection point is (t0, K/2): growth is fastest there, at r·K/4 per unit of t.
    """

    model: ClassVar[str] = "logistic"

    @staticmethod
    def curve(t: FloatArray, theta: FloatArray) -> FloatArray:
        k, r, t0 = theta
        return np.asarray(k / (1 + np.exp(np.clip(-r * (t - t0), -700, 700))), dtype=float)

    @property
    def K(self) -> float:  # noqa: N802 - the conventional name
        return self.params["K"]

    @property
    def r(self) -> float:
        return self.params["r"]

    @property
    def t0(self) -> float:
        return self.params["t0"]

    @property
    def inflection_point(self) -> tuple[float, float]:
        """(t, y) where growth is fastest: (t0, K/2)."""
        return (self.t0, self.K / 2)


@dataclass(frozen=True, eq=False)
class GompertzFit(CurveFit):
    """y = K · exp(−e^(−r (t − t0))). The inflection point is (t0, K/e)."""

    model: ClassVar[str] = "gompertz"

    @staticmethod
    def curve(t: FloatArray, theta: FloatArray) -> FloatArray:
        k, r, t0 = theta
        return np.asarray(k * np.exp(-np.exp(np.clip(-r * (t - t0), -700, 700))), dtype=float)

    @property
    def K(self) -> float:  # noqa: N802 - the conventional name
        return self.params["K"]

    @property
    def r(self) -> float:
        return self.params["r"]

    @property
    def t0(self) -> float:
        return self.params["t0"]

    @property
    def inflection_point(self) -> tuple[float, float]:
        return (self.t0, self.K / np.e)
