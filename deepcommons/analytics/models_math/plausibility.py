"""Is a fitted diffusion model a result, or an artefact of data that cannot identify it?

A least-squares fit always returns numbers. On a short, noisy or still-linear
series those numbers can be absurd (a Bass market of 4·10⁸ in a community of
31, R0 = 10¹¹) while looking as precise as a good fit. `check_bass` and
`check_sir` return the reasons not to believe a fit; an empty list means the
fit passed every check. Each `FitWarning` has a `code` (for callers that show
it in their own words or language), the parameter concerned, the numbers
involved and an English `message`.

The checks:

- `at_bound`: the optimiser stopped on an edge of a parameter's search range
  (`diffusion.RATE_RANGE_PER_STEP`, `diffusion.MAX_MARKET_MULTIPLE`), so the
  data did not pin it down;
- `singular`: some combination of the parameters leaves the fit unchanged (the
  Jacobian is singular at the optimum), so the standard errors mean nothing;
- `uncertain`: a standard error larger than its estimate (or not finite);
- `market_above_population` (Bass): more adopters than people who could adopt;
- `market_extrapolated` (Bass): m is over `MAX_EXTRAPOLATION` times the adopters
  seen while the fitted per-period counts never fall `MIN_DECLINE` below their
  peak within the data: the series is still in its early, nearly linear or
  exponential part, which fixes p·m and q but not m (what identifies m is
  the slowing as the market runs out);
- `r0_too_large` (SIR): R0 above `R0_LIMIT` or above the population;
- `r0_interval_unbounded` (SIR): the 95 % interval of R0 reaches 0 or infinity.

No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from deepcommons.analytics.models_math._common import time_series
from deepcommons.analytics.models_math.diffusion import BassFit, SIRFit

WarningCode = Literal[
    "at_bound",
    "singular",
    "uncertain",
    "market_above_population",
    "market_extrapolated",
    "r0_too_large",
    "r0_interval_unbounded",
]

#: m may be at most this many times the adopters seen unless the counts have turned,
MAX_EXTRAPOLATION = 3.0
#: that is, fallen by this share from their peak by the last period.
MIN_DECLINE = 0.25
#: No outbreak on record comes near this R0 (measles, the highest, is 12–18).
R0_LIMIT = 100.0


@dataclass(frozen=True)
class FitWarning:
    """One reason not to take a fit at face value; `values` holds the numbers quoted."""

    code: WarningCode
    param: str = ""
    values: dict[str, float] = field(default_factory=dict)

    @property
    def message(self) -> str:
        v = self.values
        if self.code == "at_bound":
            return (
                f"{self.param} = {v['value']:.3g} ended on the edge of its search range: "
                "the data do not determine it"
            )
        if self.code == "singular":
            return "the data cannot tell the parameters apart (the fit is degenerate)"
        if self.code == "uncertain":
            return (
                f"the standard error of {self.param} ({v['se']:.3g}) is larger than "
                f"the estimate ({v['value']:.3g})"
            )
        if self.code == "market_above_population":
            return f"m = {v['m']:.3g} is more than the {v['population']:.0f} people who could adopt"
        if self.code == "market_extrapolated":
            return (
                f"m = {v['m']:.3g} is {v['m'] / v['observed']:.3g} times the "
                f"{v['observed']:.0f} adopters seen and the counts have not started to fall: "
                "the data cannot fix the market size"
            )
        if self.code == "r0_too_large":
            return f"R0 = {v['R0']:.3g} is above any plausible value ({v['limit']:.3g})"
        return f"the 95 % interval of R0 ({v['low']:.3g} to {v['high']:.3g}) is unbounded"


def check_bass(
    fit: BassFit, t: ArrayLike, adoptions: ArrayLike, *, population: float | None = None
) -> list[FitWarning]:
    """Reasons not to believe a Bass fit of `adoptions` at `t` (the series it was fitted to).

    `population` is how many could adopt at most (e.g. the community's
    members); without it that check is skipped. The per-period shape is read
    exactly as the fit models it: the differences of m·F between period ends.
    """
    t_arr, a_arr = time_series(t, adoptions, min_points=2, y_name="adoptions")
    warnings = _common_checks(
        fit.at_bound, fit.singular, {"p": fit.p, "q": fit.q, "m": fit.m}, fit.se
    )
    if population is not None and fit.m > population:
        warnings.append(
            FitWarning("market_above_population", "m", {"m": fit.m, "population": population})
        )
    observed = float(a_arr[-1] if fit.cumulative else a_arr.sum())
    per_period = fit.per_period(t_arr)
    turned = per_period[-1] <= (1 - MIN_DECLINE) * per_period.max()
    if fit.m > MAX_EXTRAPOLATION * observed and not turned:
        warnings.append(FitWarning("market_extrapolated", "m", {"m": fit.m, "observed": observed}))
    return warnings


def check_sir(fit: SIRFit) -> list[FitWarning]:
    """Reasons not to believe an SIR fit: edges, degeneracy, uncertainty and R0 itself."""
    warnings = _common_checks(
        fit.at_bound, fit.singular, {"beta": fit.beta, "gamma": fit.gamma}, fit.se
    )
    r0, limit = fit.R0, min(R0_LIMIT, fit.population)
    if not np.isfinite(r0) or r0 > limit:
        warnings.append(FitWarning("r0_too_large", "R0", {"R0": r0, "limit": limit}))
    low, high = fit.ci["R0"]
    if not (low > 0 and np.isfinite(high)):
        warnings.append(
            FitWarning("r0_interval_unbounded", "R0", {"R0": fit.R0, "low": low, "high": high})
        )
    return warnings


def _common_checks(
    at_bound: tuple[str, ...],
    singular: bool,
    values: dict[str, float],
    se: dict[str, float],
) -> list[FitWarning]:
    warnings = [FitWarning("at_bound", name, {"value": values[name]}) for name in at_bound]
    if singular:
        warnings.append(FitWarning("singular"))
    for name, value in values.items():
        if name in at_bound:
            continue  # already flagged; its standard error is meaningless
        if not se[name] <= abs(value):
            warnings.append(FitWarning("uncertain", name, {"value": value, "se": se[name]}))
    return warnings
