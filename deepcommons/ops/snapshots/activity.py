"""Activity and churn: RFM segments and their flow, clusters, cohort retention, churn risk.

Every model runs through `analytics.report.member_results`, the functions
the static report draws, so the console and the report agree:

- segments: RFM today and FLOW_DAYS ago (monetary = contribution, see
  `analytics.contribution`), and how many members moved from each segment
  then (or "not yet active") to each segment now;
- clusters: K-Means on log recency, frequency and contribution; each centre
  carries a description key (recent/lapsed, frequent/occasional,
  contributing/lurking against the medians) that the page puts in words;
- retention: weekly cohorts, the last COHORTS of them over COHORT_WEEKS weeks;
- churn: the BG/NBD fit and the AT_RISK members with the highest
  contribution × (1 − P(alive)).

Each part that the data cannot support stores {"error": why} and the rest
of the page still shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from deepcommons.analytics.models_math import activity
from deepcommons.analytics.report import member_results as results
from deepcommons.analytics.report.blocks import ReportData
from deepcommons.ops.snapshots.inputs import Inputs

NAME = "activity"
PER_SPACE = True

COHORTS = 12
COHORT_WEEKS = 12
AT_RISK = 500


def _num(value: Any) -> float | None:
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return round(value, 6) if np.isfinite(value) else None


def _segments(report: ReportData) -> tuple[dict[str, Any], activity.RFM]:
    result = results.segments(report)
    medians = result.medians()
    return {
        "names": list(activity.SEGMENTS),
        "now": result.now.segment_counts().astype(int).tolist(),
        "previous": (
            result.previous.segment_counts().astype(int).tolist()
            if result.previous is not None
            else None
        ),
        "previous_at": f"{result.previous_at:%Y-%m-%d}",
        "medians": [[_num(v) for v in row] for row in medians.to_numpy()],
        "flow": {
            "rows": list(result.flow.index),
            "columns": list(result.flow.columns),
            "counts": result.flow.to_numpy().astype(int).tolist(),
        },
    }, result.now


def _clusters(report: ReportData, rfm: activity.RFM) -> dict[str, Any]:
    result = results.clusters(report, rfm)
    centers = result.centers
    return {
        "k": int(result.clusters.k),
        "silhouette": _num(result.clusters.silhouette),
        "scores": {str(k): _num(v) for k, v in result.clusters.silhouette_scores.items()},
        "medians": {key: _num(result.medians[key]) for key in results.FEATURES},
        "centers": [
            {
                "recency_days": _num(row["recency_days"]),
                "frequency": _num(row["frequency"]),
                "monetary": _num(row["monetary"]),
                "size": int(row["size"]),
                "description": description,
            }
            for (_, row), description in zip(centers.iterrows(), result.descriptions, strict=True)
        ],
    }


def _retention(report: ReportData) -> dict[str, Any]:
    result = results.retention(report, period="W")
    rates = result.rates.iloc[-COHORTS:, :COHORT_WEEKS]
    sizes = result.sizes.iloc[-COHORTS:]
    return {
        "cohorts": [f"{p.start_time:%Y-%m-%d}" for p in rates.index],
        "sizes": sizes.astype(int).tolist(),
        "weeks": [int(c) for c in rates.columns],
        "rates": [[_num(v) for v in row] for row in rates.to_numpy(float)],
        "average": [_num(v) for v in result.average().iloc[:COHORT_WEEKS].tolist()],
    }


def _churn(report: ReportData) -> dict[str, Any]:
    result = results.churn(report)
    fit = result.fit
    names = dict(zip(report.users["user_id"], report.users["username"], strict=False))
    top = result.at_risk(AT_RISK)
    return {
        "params": {k: _num(getattr(fit, k)) for k in ("r", "alpha", "a", "b")},
        "log_likelihood": _num(fit.log_likelihood),
        "fitted_members": int(fit.n),
        "members_at_risk": int((result.members["risk"] > 0).sum()),
        "members": [
            {
                "user_id": int(user_id),
                "username": str(names.get(user_id, user_id)),
                "value": _num(row["value"]),
                "p_alive": _num(row["p_alive"]),
                "risk": _num(row["risk"]),
                "frequency": int(row["frequency"]),
                "expected": _num(row["expected"]),
                "last_active": f"{row['last_active']:%Y-%m-%d}",
            }
            for user_id, row in top.iterrows()
        ],
    }


def _part(run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return run()
    except ValueError as exc:
        return {"error": str(exc)}


def compute(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    # One BLAS/OpenMP thread: on a few thousand rows K-Means and the BG/NBD
    # fit spend more on starting threads than computing (5 s against 0.4 s
    # on 12 members with two cores).
    with threadpool_limits(1):
        return _compute(inputs, space_id)


def _compute(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    report = inputs.scoped_report(space_id)
    if report.events.empty:
        raise ValueError("no activity in this space" if space_id else "no activity")
    segments, rfm = _segments(report)
    return {
        "as_of": f"{inputs.now:%Y-%m-%d}",
        "members": int(len(rfm.table)),
        "segments": segments,
        "clusters": _part(lambda: _clusters(report, rfm)),
        "retention": _part(lambda: _retention(report)),
        "churn": _part(lambda: _churn(report)),
    }
