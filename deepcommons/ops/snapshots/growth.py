"""Growth: registrations and active members over time, with the growth curves fitted.

Stored per UTC day from the first registration (or, for a space, its first
activity) to today: cumulative registrations (users.date_joined; for a
space, members whose first activity there fell on or before the day),
cumulative members with any activity, and monthly active members (distinct
members active in the 30 days ending on the day). A count per period is the
difference of a cumulative series between period ends.

The exponential, logistic and Gompertz curves are fitted to cumulative
registrations by `analytics.report.member_results.fit_growth`, the function
the static report uses, and stored with their AIC ranking, the carrying
capacity of the two sigmoids and a 30-day forecast with 95 % prediction
intervals. When there are too few members or days to fit, the series are
still stored and `fit_error` says why; when registrations grew on too few
days (members imported at once), the curves are fitted to members with
activity instead and `fit_series` says "with_activity".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from deepcommons.analytics.models_math import growth
from deepcommons.analytics.report import member_results as results
from deepcommons.ops.snapshots.inputs import Inputs
from deepcommons.ops.snapshots.overview import rolling_distinct

NAME = "growth"
PER_SPACE = True


def _num(value: float) -> float | None:
    value = float(value)
    return round(value, 6) if np.isfinite(value) else None


def _nums(values: Any) -> list[float | None]:
    return [_num(v) for v in np.asarray(values, dtype=float)]


def fits_data(result: results.GrowthResult) -> dict[str, Any]:
    """The fits as JSON: one entry per model, best (lowest AIC) first."""
    comparison = result.comparison
    models = []
    for name, fit in comparison.fits.items():
        low, high = fit.prediction_interval(result.forecast_t)
        capacity = None
        if isinstance(fit, growth.LogisticFit | growth.GompertzFit):
            capacity = {
                "value": _num(fit.K),
                "se": _num(fit.se["K"]),
                "ci": _nums(fit.ci["K"]),
            }
        models.append(
            {
                "name": name,
                "params": {key: _num(v) for key, v in fit.params.items()},
                "se": {key: _num(v) for key, v in fit.se.items()},
                "r_squared": _num(fit.r_squared),
                "aic": _num(fit.aic),
                "delta_aic": _num(comparison.ranking.loc[name, "delta_aic"]),
                "weight": _num(comparison.ranking.loc[name, "weight"]),
                "capacity": capacity,
                "fitted": _nums(fit.predict(result.t)),
                "forecast": {
                    "mean": _nums(fit.predict(result.forecast_t)),
                    "lower": _nums(low),
                    "upper": _nums(high),
                },
            }
        )
    return {
        "best": str(comparison.ranking.index[0]),
        "models": models,
        "failed": dict(comparison.failed),
        "forecast_days": len(result.forecast_t),
    }


def compute(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    report = inputs.scoped_report(space_id)
    events = report.events
    now = inputs.now
    first_activity = events.groupby("user_id")["timestamp"].min()
    if space_id is None:
        joined = report.users["date_joined"]
        if joined.dropna().empty:
            raise ValueError("no members have registered")
    else:
        joined = first_activity
        if joined.empty:
            raise ValueError("no activity in this space")
    stamps = [s for s in (joined.min(), first_activity.min()) if pd.notna(s)]
    origin = min(stamps).floor("D")
    registrations = results.cumulative_by_day(joined, origin, now)
    with_activity = results.cumulative_by_day(first_activity, origin, now)
    n_days = len(registrations)
    days = ((events["timestamp"].dt.floor("D") - origin) // pd.Timedelta(days=1)).to_numpy(np.int64)
    mau = rolling_distinct(events["user_id"].to_numpy(np.int64), days, 30, n_days)
    data: dict[str, Any] = {
        "origin": f"{origin:%Y-%m-%d}",
        "days": n_days,
        "series": {
            "registrations": registrations.astype(int).tolist(),
            "with_activity": with_activity.astype(int).tolist(),
            "mau": mau.astype(int).tolist(),
        },
    }
    try:
        data["fit"] = fits_data(results.fit_growth(registrations, origin))
        data["fit_series"] = "registrations"
    except results.TooFewToFit as exc:
        data["fit_error"] = {"what": exc.what, "have": exc.have, "need": exc.need}
    except ValueError as exc:
        data["fit_error"] = {"what": "", "message": str(exc)}
    if "fit_error" in data and data["fit_error"]["what"] == "growth_days":
        # Members imported at once (every date_joined on one day): the
        # registrations say nothing about growth, first activity may.
        try:
            data["fit"] = fits_data(results.fit_growth(with_activity, origin))
            data["fit_series"] = "with_activity"
        except ValueError:
            pass
    return data
