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

Modules: `sir` (solve_sir, fit_sir), `bass` (bass_cdf, fit_bass),
`network_sir` (simulate_network_sir) and `bounds` (the search ranges the fits
share). Import from this package: `diffusion.fit_sir(...)`.
"""

from deepcommons.analytics.models_math.diffusion.bass import BassFit, bass_cdf, fit_bass
from deepcommons.analytics.models_math.diffusion.bounds import (
    MAX_MARKET_MULTIPLE,
    RATE_RANGE_PER_STEP,
)
from deepcommons.analytics.models_math.diffusion.network_sir import (
    NetworkSIRResult,
    simulate_network_sir,
)
from deepcommons.analytics.models_math.diffusion.sir import SIRFit, SIRPath, fit_sir, solve_sir

__all__ = [
    "MAX_MARKET_MULTIPLE",
    "RATE_RANGE_PER_STEP",
    "BassFit",
    "NetworkSIRResult",
    "SIRFit",
    "SIRPath",
    "bass_cdf",
    "fit_bass",
    "fit_sir",
    "simulate_network_sir",
    "solve_sir",
]
