"""Growth curves: exponential, logistic and Gompertz, fitted by non-linear least squares.

Time is in whatever unit the caller passes (days, weeks, years): every rate is
"per unit of t" and every time (doubling time, inflection point) is in units of t.

Models (θ are the fitted parameters):

- exponential  y = y0 · e^(r t)                      θ = (y0, r)
- logistic     y = K / (1 + e^(−r (t − t0)))         θ = (K, r, t0)
- Gompertz     y = K · exp(−e^(−r (t − t0)))         θ = (K, r, t0)

All three are fitted to y on its own scale with additive Gaussian errors, so
their log-likelihoods and AICs are comparable (`compare`). Standard errors are
the asymptotic ones of least squares, s²(JᵀJ)⁻¹; intervals are 95 %.

Modules: `curves` (the fitted-curve classes and their formulas) and `fitting`
(fit_exponential, fit_logistic, fit_gompertz, compare). Import from this
package: `growth.fit_logistic(...)`.
"""

from deepcommons.analytics.models_math.growth.curves import (
    CurveFit,
    ExponentialFit,
    GompertzFit,
    LogisticFit,
)
from deepcommons.analytics.models_math.growth.fitting import (
    FITTERS,
    MIN_POINTS,
    GrowthComparison,
    compare,
    fit_exponential,
    fit_gompertz,
    fit_logistic,
)

__all__ = [
    "FITTERS",
    "MIN_POINTS",
    "CurveFit",
    "ExponentialFit",
    "GompertzFit",
    "GrowthComparison",
    "LogisticFit",
    "compare",
    "fit_exponential",
    "fit_gompertz",
    "fit_logistic",
]
