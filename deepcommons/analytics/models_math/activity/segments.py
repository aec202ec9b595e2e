"""RFM: recency, frequency and monetary scores per user, and the segments they fall in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from deepcommons.analytics.models_math.activity.events import _as_timestamp, _events_frame

#: (recency score, frequency score) → segment. The widely used RFM grid; the
#: first matching rule wins. R 5 = most recent quintile, F 5 = most frequent.
SEGMENT_RULES: list[tuple[str, set[int], set[int]]] = [
    ("champions", {5}, {4, 5}),
    ("loyal", {3, 4}, {4, 5}),
    ("potential loyalist", {4, 5}, {2, 3}),
    ("new", {5}, {1}),
    ("promising", {4}, {1}),
    ("need attention", {3}, {3}),
    ("about to sleep", {3}, {1, 2}),
    ("cannot lose", {1, 2}, {5}),
    ("at risk", {1, 2}, {3, 4}),
    ("hibernating", {1, 2}, {1, 2}),
]
SEGMENTS = [name for name, _, _ in SEGMENT_RULES]


def segment_for(r_score: int, f_score: int) -> str:
    """The segment of one (R, F) score pair; see SEGMENT_RULES."""
    for name, recency, frequency in SEGMENT_RULES:
        if r_score in recency and f_score in frequency:
            return name
    raise ValueError(f"scores must be 1–5, got R={r_score}, F={f_score}")


_SEGMENT_GRID = np.array(
    [[SEGMENTS.index(segment_for(r, f)) for f in range(1, 6)] for r in range(1, 6)]
)


def _quintile_score(values: pd.Series, *, higher_is_better: bool) -> pd.Series:
    """1–5 by percentile of the average rank, so tied values share a score."""
    ranks = values.rank(method="average", ascending=higher_is_better, pct=True)
    return np.ceil(ranks * 5).clip(1, 5).astype(np.int8)


@dataclass(frozen=True, eq=False)
class RFM:
    """Per-user recency (days since last event), frequency (events), monetary (sum of value).

    `table` is indexed by user_id with columns recency_days, frequency,
    monetary, r_score, f_score, m_score (1–5, 5 best), rfm (e.g. "545") and
    segment. Scores are quintiles of the percentile rank; ties share a score,
    so with many ties some quintiles are empty.
    """

    table: pd.DataFrame
    now: pd.Timestamp

    def segment_counts(self) -> pd.Series:
        return self.table["segment"].value_counts().reindex(SEGMENTS, fill_value=0)


def rfm(events: pd.DataFrame, now: Any, *, monetary: pd.Series | None = None) -> RFM:
    """Recency, frequency and monetary value per user, scored 1–5 and segmented.

    `events` has columns user_id, timestamp and optionally value (monetary =
    sum of value; without it, monetary = number of events). `monetary`, a
    Series indexed by user_id, replaces that sum when the value someone brings
    is not a sum over their own events (users missing from it get 0; it must
    not be negative). `now` is when recency is measured; events after it are
    an error.

    Segments come from the (R, F) scores by SEGMENT_RULES: champions (R 5,
    F 4–5), loyal (R 3–4, F 4–5), potential loyalist (R 4–5, F 2–3), new (R 5,
    F 1), promising (R 4, F 1), need attention (R 3, F 3), about to sleep (R 3,
    F 1–2), cannot lose (R 1–2, F 5), at risk (R 1–2, F 3–4), hibernating
    (R 1–2, F 1–2).
    """
    frame = _events_frame(events)
    stamp = _as_timestamp(now, frame["timestamp"])
    late = frame["timestamp"] > stamp
    if late.any():
        raise ValueError(f"{int(late.sum())} event(s) are after now={stamp}")
    grouped = frame.groupby("user_id", sort=True)
    last = grouped["timestamp"].max()
    table = pd.DataFrame(
        {
            "recency_days": (stamp - last).dt.total_seconds() / 86400.0,
            "frequency": grouped.size().astype(np.int64),
        }
    )
    if monetary is not None:
        given = pd.to_numeric(pd.Series(monetary), errors="coerce")
        if given.isna().any() or (given < 0).any():
            raise ValueError("monetary values must be numbers and not negative")
        table["monetary"] = given.reindex(table.index, fill_value=0.0).astype(float)
    elif "value" in frame.columns:
        table["monetary"] = grouped["value"].sum()
    else:
        table["monetary"] = table["frequency"].astype(float)
    table["r_score"] = _quintile_score(table["recency_days"], higher_is_better=False)
    table["f_score"] = _quintile_score(table["frequency"], higher_is_better=True)
    table["m_score"] = _quintile_score(table["monetary"], higher_is_better=True)
    table["rfm"] = (
        table["r_score"].astype(str) + table["f_score"].astype(str) + table["m_score"].astype(str)
    )
    codes = _SEGMENT_GRID[table["r_score"].to_numpy() - 1, table["f_score"].to_numpy() - 1]
    table["segment"] = pd.Categorical.from_codes(codes, categories=SEGMENTS)
    return RFM(table=table, now=stamp)
