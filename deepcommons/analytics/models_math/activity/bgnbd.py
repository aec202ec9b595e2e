"""The BG/NBD model of repeat events and silent churn, and the per-user summaries it fits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import optimize, special

from deepcommons.analytics.models_math._common import (
    FloatArray,
    aic,
    as_float_array,
    check_same_length,
    interval,
    z_quantile,
)
from deepcommons.analytics.models_math.activity.events import _as_timestamp, _events_frame


def _bgnbd_terms(
    log_params: FloatArray,
    x_values: FloatArray,
    x_index: np.ndarray,
    tx: FloatArray,
    big_t: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Per-customer log-likelihood and its gradient w.r.t. (ln r, ln α, ln a, ln b).

    Fader, Hardie & Lee (2005), eq. 6:
    L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
        + 1{x>0} · B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))

    `x_values[x_index]` is each customer's x: the gamma-family functions are
    evaluated once per distinct x (a few dozen) rather than once per customer.
    """
    r, alpha, a, b = np.exp(log_params)
    xv = x_values
    positive_v = xv > 0
    xbv = np.where(positive_v, xv, 1.0)  # keeps b + x − 1 > 0 where the term is unused
    dig = special.digamma
    log_beta_ab = special.betaln(a, b)
    # Per distinct x.
    base_v = special.gammaln(r + xv) - special.gammaln(r) + r * np.log(alpha)
    beta1_v = special.betaln(a, b + xv) - log_beta_ab
    beta2_v = np.where(positive_v, special.betaln(a + 1, b + xbv - 1) - log_beta_ab, -np.inf)
    d_base_r_v = dig(r + xv) - dig(r) + np.log(alpha)
    d1a_v = dig(a + b) - dig(a + b + xv)
    d1b_v = dig(b + xv) - dig(a + b + xv) - dig(b) + dig(a + b)
    d2a_v = dig(a + 1) - dig(a + b + xv) - dig(a) + dig(a + b)
    d2b_v = dig(b + xbv - 1) - dig(a + b + xv) - dig(b) + dig(a + b)
    # Per customer.
    x = xv[x_index]
    positive = positive_v[x_index]
    log_at = np.log(alpha + big_t)
    log_atx = np.log(alpha + tx)
    term1 = beta1_v[x_index] - (r + x) * log_at
    with np.errstate(invalid="ignore"):
        term2 = beta2_v[x_index] - (r + x) * log_atx
    term2 = np.where(positive, term2, -np.inf)
    total = np.logaddexp(term1, term2)
    ll = base_v[x_index] + total
    w1 = np.exp(term1 - total)
    w2 = np.where(positive, np.exp(term2 - total), 0.0)
    d_r = d_base_r_v[x_index] - w1 * log_at - w2 * log_atx
    d_alpha = r / alpha - (r + x) * (w1 / (alpha + big_t) + w2 / (alpha + tx))
    d_a = w1 * d1a_v[x_index] + w2 * d2a_v[x_index]
    d_b = w1 * d1b_v[x_index] + w2 * d2b_v[x_index]
    grad = np.stack([d_r * r, d_alpha * alpha, d_a * a, d_b * b])
    return ll, grad


@dataclass(frozen=True, eq=False)
class BGNBDFit:
    """The BG/NBD model of repeat events and silent churn (Fader, Hardie & Lee 2005).

    While alive a user's events are Poisson with rate λ ~ Gamma(r, α) (per
    unit of t); after each event the user drops out with probability
    p ~ Beta(a, b). `log_likelihood` is the total over users; `se`/`ci` (95 %)
    come from the inverse Hessian of the log-likelihood.
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    aic: float
    n: int
    se: dict[str, float]
    ci: dict[str, tuple[float, float]]

    def _check(
        self,
        frequency: ArrayLike,
        recency: ArrayLike,
        T: ArrayLike,  # noqa: N803
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        return _bgnbd_inputs(frequency, recency, T)

    def _alive_odds(self, x: FloatArray, tx: FloatArray, big_t: FloatArray) -> FloatArray:
        """The denominator 1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)."""
        xb = np.where(x > 0, x, 1.0)
        ratio = np.exp((self.r + x) * (np.log(self.alpha + big_t) - np.log(self.alpha + tx)))
        return 1 + np.where(x > 0, self.a / (self.b + xb - 1) * ratio, 0.0)

    def p_alive(self, frequency: ArrayLike, recency: ArrayLike, T: ArrayLike) -> FloatArray:  # noqa: N803
        """P(still active | x events, last at t_x, observed for T) — FHL 2005 eq. 11."""
        x, tx, big_t = self._check(frequency, recency, T)
        return 1 / self._alive_odds(x, tx, big_t)

    def expected_events(
        self,
        t: float | ArrayLike,
        frequency: ArrayLike,
        recency: ArrayLike,
        T: ArrayLike,  # noqa: N803
    ) -> FloatArray:
        """Expected events in the next t units for each user — FHL 2005 eq. 10."""
        x, tx, big_t = self._check(frequency, recency, T)
        horizon = np.broadcast_to(np.asarray(t, dtype=float), x.shape)
        if (horizon < 0).any():
            raise ValueError("t must not be negative")
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = horizon / (alpha + big_t + horizon)
        hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
        factor = ((alpha + big_t) / (alpha + big_t + horizon)) ** (r + x)
        numerator = (a + b + x - 1) / (a - 1) * (1 - factor * hyp)
        return numerator / self._alive_odds(x, tx, big_t)

    def expected_events_new(self, t: float | ArrayLike) -> FloatArray:
        """E[X(t)]: expected events in (0, t] for a new user — FHL 2005 eq. 9."""
        t_arr = np.asarray(t, dtype=float)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        hyp = special.hyp2f1(r, b, a + b - 1, t_arr / (alpha + t_arr))
        return np.asarray(
            (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t_arr)) ** r * hyp), dtype=float
        )


def _bgnbd_inputs(
    frequency: ArrayLike,
    recency: ArrayLike,
    T: ArrayLike,  # noqa: N803
) -> tuple[FloatArray, FloatArray, FloatArray]:
    x = as_float_array("frequency", frequency, non_negative=True)
    tx = as_float_array("recency", recency, non_negative=True)
    big_t = as_float_array("T", T, non_negative=True)
    check_same_length(frequency=x, recency=tx, T=big_t)
    if (x != np.round(x)).any():
        raise ValueError("frequency must be whole numbers of repeat events")
    if (tx > big_t + 1e-9).any():
        i = int(np.argmax(tx > big_t + 1e-9))
        raise ValueError(
            f"recency must not exceed T (user at position {i}: {tx[i]:g} > {big_t[i]:g})"
        )
    if (big_t <= 0).any():
        raise ValueError("T (time since the first event) must be positive")
    if ((x == 0) & (tx > 0)).any():
        raise ValueError("a user with frequency 0 must have recency 0")
    return x, tx, big_t


def fit_bgnbd(frequency: ArrayLike, recency: ArrayLike, T: ArrayLike) -> BGNBDFit:  # noqa: N803
    """Maximum-likelihood BG/NBD on per-user summaries.

    frequency = repeat events (after the first), recency = time of the last
    event since the first, T = time from the first event to the end of
    observation, all in one time unit. The likelihood is summed over users
    (identical summaries are grouped and weighted, which changes nothing but
    speed), maximised by L-BFGS on log parameters with the analytic gradient.
    """
    x, tx, big_t = _bgnbd_inputs(frequency, recency, T)
    if len(x) < 10:
        raise ValueError(f"need at least 10 users to fit BG/NBD, got {len(x)}")
    if not (x > 0).any():
        raise ValueError("no user has a repeat event: the purchase rate cannot be estimated")
    rows, counts = np.unique(np.column_stack([x, tx, big_t]), axis=0, return_counts=True)
    x_values, x_index = np.unique(rows[:, 0], return_inverse=True)
    utx, ut = rows[:, 1], rows[:, 2]
    weights = counts.astype(float)

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        ll, grad = _bgnbd_terms(theta, x_values, x_index, utx, ut)
        value = -float(weights @ ll)
        if not np.isfinite(value):
            return 1e300, np.zeros(4)
        return value, -(grad @ weights)

    scale = float(np.mean(big_t))
    starts = [
        np.log([1.0, scale, 1.0, 1.0]),
        np.log([0.5, scale / 4, 0.8, 2.5]),
        np.log([2.0, scale * 2, 2.0, 4.0]),
    ]
    best = None
    for start in starts:
        result = optimize.minimize(
            objective,
            start,
            jac=True,
            method="L-BFGS-B",
            bounds=[(-12, 12)] * 4,
            options={"maxiter": 2000, "gtol": 1e-8},
        )
        if best is None or result.fun < best.fun:
            best = result
    assert best is not None
    theta = best.x
    params = np.exp(theta)
    hessian = _numeric_hessian(lambda th: objective(th)[1], theta)
    try:
        cov_log = np.linalg.inv(hessian)
    except np.linalg.LinAlgError:
        cov_log = np.full((4, 4), np.nan)
    se_values = params * np.sqrt(np.maximum(np.diag(cov_log), 0))
    names = ("r", "alpha", "a", "b")
    q = z_quantile()
    ll = -float(best.fun)
    return BGNBDFit(
        r=float(params[0]),
        alpha=float(params[1]),
        a=float(params[2]),
        b=float(params[3]),
        log_likelihood=ll,
        aic=aic(ll, 4),
        n=len(x),
        se={name: float(s) for name, s in zip(names, se_values, strict=True)},
        ci={
            name: interval(float(v), float(s), q)
            for name, v, s in zip(names, params, se_values, strict=True)
        },
    )


def _numeric_hessian(gradient: Any, theta: FloatArray, step: float = 1e-5) -> FloatArray:
    size = len(theta)
    hessian = np.empty((size, size))
    for i in range(size):
        up, down = theta.copy(), theta.copy()
        up[i] += step
        down[i] -= step
        hessian[:, i] = (gradient(up) - gradient(down)) / (2 * step)
    return (hessian + hessian.T) / 2


def bgnbd_summary(events: pd.DataFrame, now: Any, *, unit_days: float = 7.0) -> pd.DataFrame:
    """Per-user frequency, recency and T from an event log, in units of `unit_days` days.

    Events on the same day count once (the BG/NBD counts transaction occasions).
    frequency = active days − 1, recency = last − first, T = now − first.
    """
    frame = _events_frame(events)
    stamp = _as_timestamp(now, frame["timestamp"])
    days = frame["timestamp"].dt.floor("D")
    frame = frame.assign(day=days).drop_duplicates(["user_id", "day"])
    grouped = frame.groupby("user_id", sort=True)["day"]
    first, last = grouped.min(), grouped.max()
    unit = pd.Timedelta(days=unit_days)
    summary = pd.DataFrame(
        {
            "frequency": grouped.size() - 1,
            "recency": (last - first) / unit,
            "T": (stamp.floor("D") - first) / unit,
        }
    )
    return summary[summary["T"] > 0]
