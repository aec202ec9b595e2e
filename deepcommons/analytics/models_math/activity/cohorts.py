"""Cohort retention: users grouped by the period of their first event."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from deepcommons.analytics.models_math.activity.events import _events_frame


@dataclass(frozen=True, eq=False)
class CohortRetention:
    """Users grouped by the period of their first event.

    `counts.loc[cohort, k]` is how many of the cohort were active k periods
    after their first; `rates` divides by the cohort size (so column 0 is 1).
    Cells that lie in the future of the last event period are NaN.
    """

    period: str
    sizes: pd.Series
    counts: pd.DataFrame
    rates: pd.DataFrame

    def average(self) -> pd.Series:
        """Retention by periods since joining, weighted by cohort size."""
        weights = self.counts.notna().mul(self.sizes, axis=0)
        return self.counts.sum() / weights.sum()


def cohort_retention(events: pd.DataFrame, period: str = "W") -> CohortRetention:
    """Cohort × period retention table; `period` is a pandas period alias ("D", "W", "M")."""
    frame = _events_frame(events)
    stamps = frame["timestamp"]
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_convert("UTC").dt.tz_localize(None)
    try:
        periods = stamps.dt.to_period(period)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"unknown period {period!r}: {exc}") from exc
    codes = periods.map(lambda p: p.ordinal).to_numpy(np.int64)
    frame = pd.DataFrame({"user_id": frame["user_id"].to_numpy(), "p": codes}).drop_duplicates()
    first = frame.groupby("user_id")["p"].transform("min")
    frame["offset"] = frame["p"] - first
    frame["cohort"] = first
    counts = frame.pivot_table(
        index="cohort", columns="offset", values="user_id", aggfunc="count", fill_value=0
    )
    last = int(frame["p"].max())
    for cohort in counts.index:
        counts.loc[cohort, counts.columns > last - cohort] = np.nan
    sizes = counts[0].astype(int)
    rates = counts.div(sizes, axis=0)
    label = pd.PeriodIndex.from_ordinals(counts.index.to_numpy(), freq=period)
    counts.index = rates.index = sizes.index = label.rename("cohort")
    counts.columns.name = rates.columns.name = "periods_since_first"
    return CohortRetention(period=period, sizes=sizes, counts=counts, rates=rates)
