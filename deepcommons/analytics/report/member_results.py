"""The models about members, run on the data and returned as plain results.

The static report (`report.members`, which draws them) and the operators'
console (`ops.snapshots`, which stores them as JSON) both call these
functions, so a number on a console page is the number in the report. No
Django and no translated text here: the labels are the callers' business.

RFM and clustering measure "monetary" as contribution (see
`analytics.contribution`), never the raw event values, so downvotes cannot
make it negative. Churn risk is contribution × (1 − P(alive)) under BG/NBD.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from deepcommons.analytics.contribution import contribution_by_user
from deepcommons.analytics.models_math import activity, growth
from deepcommons.analytics.report.blocks import ReportData

#: Fewer members than this and the growth curves are not fitted.
MIN_GROWTH_MEMBERS = 5
#: Fewer days than this (of history, or on which the count grew) and the curves are not fitted.
MIN_GROWTH_DAYS = 5
#: Growth forecasts reach this many days past today.
FORECAST_DAYS = 30
#: The segment flow compares today with this many days ago.
FLOW_DAYS = 30
#: Source of the flow for members with no activity by the earlier date.
NOT_YET_ACTIVE = "not yet active"
#: BG/NBD time unit (days): a week.
CHURN_UNIT_DAYS = 7.0


class TooFewToFit(ValueError):
    """The data are too few for a model; `what` and the counts say why."""

    def __init__(self, message: str, *, what: str, have: int, need: int) -> None:
        super().__init__(message)
        self.what, self.have, self.need = what, have, need


# --- growth ------------------------------------------------------------------
def cumulative_by_day(stamps: pd.Series, origin: pd.Timestamp, now: pd.Timestamp) -> np.ndarray:
    """How many of `stamps` fell on or before the end of each day from `origin` to `now`."""
    n_days = int((now.floor("D") - origin.floor("D")) // pd.Timedelta(days=1)) + 1
    if n_days <= 0:
        return np.zeros(0, dtype=np.int64)
    day = ((stamps.dropna().dt.floor("D") - origin.floor("D")) // pd.Timedelta(days=1)).to_numpy(
        np.int64
    )
    day = day[(day >= 0) & (day < n_days)]
    return np.cumsum(np.bincount(day, minlength=n_days)).astype(np.int64)


@dataclass(frozen=True, eq=False)
class GrowthResult:
    """Growth models fitted to a cumulative daily series.

    `cumulative[i]` is the count at the end of day i after `origin`; the fits
    use t = days since origin (subsampled to at most ~120 points);
    `forecast_t` are the days forecast (the FORECAST_DAYS after the last).
    """

    origin: pd.Timestamp
    cumulative: np.ndarray
    comparison: growth.GrowthComparison
    forecast_t: np.ndarray

    @property
    def t(self) -> np.ndarray:
        return np.arange(len(self.cumulative), dtype=float)

    @property
    def best(self) -> growth.CurveFit:
        return self.comparison.best


def fit_growth(
    cumulative: np.ndarray, origin: pd.Timestamp, *, horizon_days: int = FORECAST_DAYS
) -> GrowthResult:
    """Exponential, logistic and Gompertz fits of a cumulative series, ranked by AIC."""
    cumulative = np.asarray(cumulative, dtype=float)
    members = int(cumulative[-1]) if len(cumulative) else 0
    if members < MIN_GROWTH_MEMBERS:
        raise TooFewToFit(
            f"only {members} member(s); the growth curves need at least {MIN_GROWTH_MEMBERS}",
            what="members",
            have=members,
            need=MIN_GROWTH_MEMBERS,
        )
    if len(cumulative) < MIN_GROWTH_DAYS:
        raise TooFewToFit(
            f"only {len(cumulative)} day(s) of history; the growth curves need at least "
            f"{MIN_GROWTH_DAYS}",
            what="days",
            have=len(cumulative),
            need=MIN_GROWTH_DAYS,
        )
    growth_days = int((np.diff(np.r_[0.0, cumulative]) > 0).sum())
    if growth_days < MIN_GROWTH_DAYS:
        raise TooFewToFit(
            f"the count grew on only {growth_days} day(s); the growth curves need at least "
            f"{MIN_GROWTH_DAYS}",
            what="growth_days",
            have=growth_days,
            need=MIN_GROWTH_DAYS,
        )
    t = np.arange(len(cumulative), dtype=float)
    step = max(1, len(t) // 120)
    t_fit, y_fit = t[::step], cumulative[::step]
    if t_fit[-1] != t[-1]:
        t_fit, y_fit = np.r_[t_fit, t[-1]], np.r_[y_fit, cumulative[-1]]
    future = t[-1] + np.arange(1, horizon_days + 1, dtype=float)
    comparison = growth.compare(t_fit, y_fit, forecast_t=future)
    return GrowthResult(
        origin=origin, cumulative=cumulative, comparison=comparison, forecast_t=future
    )


def growth_of_activity(data: ReportData) -> GrowthResult:
    """The report's growth section: cumulative members with activity, per day."""
    if data.events.empty:
        raise ValueError("there are no activity events")
    first = data.events.groupby("user_id")["timestamp"].min()
    origin = first.min().floor("D")
    return fit_growth(cumulative_by_day(first, origin, data.now), origin)


# --- RFM segments and their flow ----------------------------------------------
def member_rfm(events: pd.DataFrame, now: pd.Timestamp) -> activity.RFM:
    """RFM on the events up to `now`: recency and frequency of a member's own events,
    monetary = their contribution up to `now` (never negative)."""
    own = events.loc[events["timestamp"] <= now]
    if own.empty:
        raise ValueError("there are no activity events")
    monetary = contribution_by_user(events, until=now)
    return activity.rfm(own[["user_id", "timestamp"]], now, monetary=monetary)


@dataclass(frozen=True, eq=False)
class SegmentsResult:
    """RFM today, RFM `FLOW_DAYS` ago (None when nobody was active yet) and the flow.

    `flow.loc[before, after]` counts members by their segment then (or
    NOT_YET_ACTIVE) and now; rows are NOT_YET_ACTIVE then SEGMENTS, columns SEGMENTS.
    """

    now: activity.RFM
    previous: activity.RFM | None
    previous_at: pd.Timestamp
    flow: pd.DataFrame

    def medians(self) -> pd.DataFrame:
        return (
            self.now.table.groupby("segment", observed=False)[
                ["recency_days", "frequency", "monetary"]
            ]
            .median()
            .reindex(activity.SEGMENTS)
        )


def segments(data: ReportData, *, flow_days: int = FLOW_DAYS) -> SegmentsResult:
    current = member_rfm(data.events, data.now)
    previous_at = data.now - pd.Timedelta(days=flow_days)
    try:
        previous: activity.RFM | None = member_rfm(data.events, previous_at)
    except ValueError:
        previous = None
    before = pd.Series(NOT_YET_ACTIVE, index=current.table.index, dtype=object)
    if previous is not None:
        known = previous.table["segment"].astype(str)
        before.loc[known.index] = known
    after = current.table["segment"].astype(str)
    rows = [NOT_YET_ACTIVE, *activity.SEGMENTS]
    flow = (
        pd.crosstab(before, after)
        .reindex(index=rows, columns=activity.SEGMENTS, fill_value=0)
        .astype(np.int64)
    )
    return SegmentsResult(now=current, previous=previous, previous_at=previous_at, flow=flow)


# --- clusters ------------------------------------------------------------------
FEATURES = ("recency_days", "frequency", "monetary")


@dataclass(frozen=True, eq=False)
class ClustersResult:
    """K-Means on log1p(recency, frequency, contribution).

    `centers` are in the original units (days, events, points) with a `size`
    column; `medians` are the features' medians over every member; each
    centre's `description` is a key of three words: "recent"/"lapsed" (its
    recency below or above the median), "frequent"/"occasional" (frequency
    above or not), "contributing"/"lurking" (contribution above the median,
    or positive when the median is 0, or not).
    """

    rfm: pd.DataFrame
    clusters: activity.Clusters
    centers: pd.DataFrame
    medians: pd.Series

    @property
    def descriptions(self) -> list[str]:
        return [describe_center(row, self.medians) for _, row in self.centers.iterrows()]


def describe_center(center: pd.Series, medians: pd.Series) -> str:
    recent = "recent" if center["recency_days"] <= medians["recency_days"] else "lapsed"
    frequent = "frequent" if center["frequency"] > medians["frequency"] else "occasional"
    bar = medians["monetary"]
    gives = center["monetary"] > bar if bar > 0 else center["monetary"] >= 0.5
    return f"{recent} {frequent} {'contributing' if gives else 'lurking'}"


def clusters(data: ReportData, rfm_result: activity.RFM | None = None) -> ClustersResult:
    table = (rfm_result or member_rfm(data.events, data.now)).table
    features = np.log1p(table[list(FEATURES)])
    result = activity.cluster(features)
    centers = np.expm1(result.centers)
    centers.columns = list(FEATURES)
    centers["size"] = result.sizes().to_numpy()
    return ClustersResult(
        rfm=table, clusters=result, centers=centers, medians=table[list(FEATURES)].median()
    )


# --- retention -------------------------------------------------------------------
def retention(data: ReportData, *, period: str = "W") -> activity.CohortRetention:
    if data.events.empty:
        raise ValueError("there are no activity events")
    return activity.cohort_retention(data.events[["user_id", "timestamp"]], period=period)


# --- churn -----------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class ChurnResult:
    """BG/NBD on active days (weeks as the unit) and the members most at risk.

    `members` is indexed by user_id: frequency, recency, T (weeks),
    p_alive, expected (active days in the next 4 weeks), value (contribution,
    see `analytics.contribution`), risk = value × (1 − p_alive), last_active;
    sorted by risk (highest first), then user_id.
    """

    fit: activity.BGNBDFit
    members: pd.DataFrame

    def at_risk(self, n: int) -> pd.DataFrame:
        """The n members with the highest positive risk."""
        return self.members[self.members["risk"] > 0].head(n)


def churn(data: ReportData) -> ChurnResult:
    if data.events.empty:
        raise ValueError("there are no activity events")
    summary = activity.bgnbd_summary(
        data.events[["user_id", "timestamp"]], data.now, unit_days=CHURN_UNIT_DAYS
    )
    if summary.empty:
        raise ValueError("no member has been active for a full day yet")
    fit = activity.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    p_alive = fit.p_alive(summary["frequency"], summary["recency"], summary["T"])
    expected = fit.expected_events(4, summary["frequency"], summary["recency"], summary["T"])
    value = contribution_by_user(data.events, until=data.now).reindex(summary.index, fill_value=0.0)
    last = data.events.groupby("user_id")["timestamp"].max().reindex(summary.index)
    members = summary.assign(
        p_alive=np.asarray(p_alive, dtype=float),
        expected=np.asarray(expected, dtype=float),
        value=value.to_numpy(float),
        last_active=last,
    )
    members["risk"] = members["value"] * (1.0 - members["p_alive"])
    members = members.rename_axis("user_id").reset_index()
    members = members.sort_values(["risk", "user_id"], ascending=[False, True], kind="stable")
    return ChurnResult(fit=fit, members=members.set_index("user_id"))
