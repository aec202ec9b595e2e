"""The search ranges the diffusion fits share, and how a fit that ends on their edge is named."""

from __future__ import annotations

import numpy as np

#: Search range of every rate (β, γ, p, q), per time step of the data: below it a
#: process does not move within any realistic window, above it everything happens
#: within a hundredth of a step. A fit that ends on an edge is not determined by
#: the data (`plausibility` flags it).
RATE_RANGE_PER_STEP = (1e-6, 1e2)
#: The Bass market size m is searched up to this multiple of the adopters seen.
MAX_MARKET_MULTIPLE = 1e4
#: A parameter within 5 % of an edge of its search range counts as on the edge.
_NEAR_EDGE = float(np.log(1.05))


def _names_at_bound(names: tuple[str, ...], at_bound: np.ndarray) -> tuple[str, ...]:
    return tuple(name for name, hit in zip(names, at_bound.tolist(), strict=True) if hit)
