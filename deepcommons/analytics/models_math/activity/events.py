"""Reading an event log (user_id, timestamp[, value]) into a checked DataFrame."""

from __future__ import annotations

from typing import Any

import pandas as pd


def _parse_timestamps(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    try:
        return pd.to_datetime(values, format="ISO8601", errors="coerce")
    except (TypeError, ValueError):
        return pd.to_datetime(values, format="mixed", errors="coerce")


def _events_frame(events: pd.DataFrame, *, need_value: bool = False) -> pd.DataFrame:
    if not isinstance(events, pd.DataFrame):
        raise ValueError("events must be a pandas DataFrame with user_id and timestamp columns")
    missing = {"user_id", "timestamp"} - set(events.columns)
    if missing:
        raise ValueError(f"events is missing column(s): {sorted(missing)}")
    if events.empty:
        raise ValueError("events is empty")
    if events["user_id"].isna().any():
        raise ValueError("events has rows without a user_id")
    timestamps = _parse_timestamps(events["timestamp"])
    if timestamps.isna().any():
        raise ValueError(
            f"events has {int(timestamps.isna().sum())} missing or unreadable timestamp(s)"
        )
    frame = pd.DataFrame({"user_id": events["user_id"].to_numpy(), "timestamp": timestamps})
    if "value" in events.columns:
        value = pd.to_numeric(events["value"], errors="coerce")
        if value.isna().any():
            raise ValueError(
                f"events has {int(value.isna().sum())} missing or non-numeric value(s)"
            )
        if (value < 0).any():
            raise ValueError("event values must not be negative")
        frame["value"] = value.to_numpy(float)
    elif need_value:
        raise ValueError("events needs a value column")
    return frame


def _as_timestamp(now: Any, like: pd.Series) -> pd.Timestamp:
    stamp = pd.Timestamp(now)
    tz = getattr(like.dt, "tz", None)
    if tz is not None and stamp.tzinfo is None:
        stamp = stamp.tz_localize(tz)
    elif tz is None and stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp
