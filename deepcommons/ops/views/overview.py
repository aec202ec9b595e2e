"""Overview: active members, registrations, posts and answers for a date range and space."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.http import HttpRequest
from django.utils.translation import gettext as _

from deepcommons.ops.charts import Chart, Series, format_value
from deepcommons.ops.ranges import DateRange, parse_range
from deepcommons.ops.views.common import PageView

PER_SPACE = True
#: Past this many days, the daily charts show weeks.
WEEKLY_AFTER = 120


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    value: float | None
    previous: float | None
    percent: bool = False

    @property
    def shown(self) -> str:
        return format_value(self.value, percent=self.percent)

    @property
    def change(self) -> float | None:
        """Relative change against the previous period, or None when undefined."""
        if self.value is None or self.previous is None or self.previous == 0:
            return None
        return (self.value - self.previous) / abs(self.previous)

    @property
    def change_shown(self) -> str:
        change = self.change
        if change is None:
            return "–"
        return ("+" if change > 0 else "") + format_value(change, percent=True)

    @property
    def direction(self) -> str:
        change = self.change
        return "" if change is None or change == 0 else ("up" if change > 0 else "down")


def metrics(data: dict[str, Any], period: DateRange) -> dict[str, float | None]:
    """The overview's figures for one period, from the daily snapshot arrays.

    Active-member figures are averages over the period's days (DAU: members
    active on a day; WAU and MAU: in the 7 and 30 days ending on a day);
    counts are sums; rates and the median are over the questions asked in
    the period (answered or accepted at the time of the snapshot).
    """
    origin = date.fromisoformat(data["origin"])
    first = (period.start - origin).days  # may be negative: days before the first event
    lo, hi = max(first, 0), min((period.end - origin).days + 1, data["days"])
    daily = data["daily"]

    def window(key: str) -> np.ndarray:
        """The period's values; days before the first event count as zero."""
        if hi <= lo:
            return np.zeros(0)
        values = np.zeros(hi - first)
        values[lo - first :] = daily[key][lo:hi]
        return values

    def mean(key: str) -> float | None:
        values = window(key)
        return float(values.mean()) if len(values) else None

    dau, mau = mean("dau"), mean("mau")
    q = data["questions"]
    asked = np.asarray(q["day"], dtype=np.int64)
    inside = (asked >= lo) & (asked < hi)
    delays = np.array([np.nan if v is None else v for v in q["first_answer_hours"]], dtype=float)[
        inside
    ]
    accepted = np.asarray(q["accepted"], dtype=float)[inside]
    answered = ~np.isnan(delays)
    n_questions = int(inside.sum())
    return {
        "dau": dau,
        "wau": mean("wau"),
        "mau": mau,
        "stickiness": dau / mau if dau is not None and mau else None,
        "registrations": float(window("registrations").sum()),
        "posts": float(window("posts").sum()),
        "answers": float(window("answers").sum()),
        "questions": float(n_questions),
        "answer_rate": float(answered.mean()) if n_questions else None,
        "median_first_answer_hours": float(np.median(delays[answered])) if answered.any() else None,
        "accepted_rate": float(accepted.mean()) if n_questions else None,
    }


def labels() -> list[tuple[str, str, bool]]:
    return [
        ("dau", _("Daily active members (average)"), False),
        ("wau", _("Weekly active members (average)"), False),
        ("mau", _("Monthly active members (average)"), False),
        ("stickiness", _("DAU / MAU"), True),
        ("registrations", _("New registrations"), False),
        ("posts", _("Posts"), False),
        ("answers", _("Answers"), False),
        ("questions", _("Questions asked"), False),
        ("answer_rate", _("Answer rate"), True),
        ("median_first_answer_hours", _("Median hours to first answer"), False),
        ("accepted_rate", _("Accepted rate"), True),
    ]


def _series_dates(data: dict[str, Any], period: DateRange) -> tuple[list[str], slice, bool]:
    origin = date.fromisoformat(data["origin"])
    lo = max((period.start - origin).days, 0)
    hi = min((period.end - origin).days + 1, data["days"])
    days = [(origin + timedelta(days=i)).isoformat() for i in range(lo, hi)]
    return days, slice(lo, max(hi, lo)), period.days > WEEKLY_AFTER


def _weekly(days: list[str], values: list[float], *, how: str) -> tuple[list[str], list[float]]:
    out_x, out_y = [], []
    for i in range(0, len(days), 7):
        chunk = values[i : i + 7]
        out_x.append(days[i])
        out_y.append(float(np.sum(chunk)) if how == "sum" else float(np.mean(chunk)))
    return out_x, out_y


def build(request: HttpRequest, view: PageView) -> dict[str, Any]:
    data = view.data
    origin = date.fromisoformat(data["origin"])
    today = origin + timedelta(days=data["days"] - 1)
    period = parse_range(request.GET.dict(), today=today, first=origin)
    current, previous = metrics(data, period), metrics(data, period.previous())
    figures = [
        Metric(key, label, current[key], previous[key], percent) for key, label, percent in labels()
    ]
    days, window, weekly = _series_dates(data, period)
    daily = data["daily"]
    active_x = days
    active: dict[str, list[float]] = {
        k: list(map(float, daily[k][window])) for k in ("dau", "wau", "mau")
    }
    counts: dict[str, list[float]] = {
        k: list(map(float, daily[k][window])) for k in ("registrations", "posts", "answers")
    }
    x_label = _("week starting") if weekly else _("day (UTC)")
    if weekly:
        for key in active:
            active_x, active[key] = _weekly(days, active[key], how="mean")
        for key in counts:
            counts_x, counts[key] = _weekly(days, counts[key], how="sum")
    else:
        counts_x = days
    names = dict((key, label) for key, label, _p in labels())
    charts = {
        "active": Chart(
            "active",
            _("Active members"),
            "line",
            x=active_x,
            series=[
                Series(_("daily"), active["dau"]),
                Series(_("7 days"), active["wau"]),
                Series(_("30 days"), active["mau"]),
            ],
            x_label=x_label,
            y_label=_("members"),
        ),
        "activity": Chart(
            "activity",
            _("Registrations, posts and answers"),
            "bar",
            x=counts_x,
            series=[
                Series(names[key], counts[key]) for key in ("registrations", "posts", "answers")
            ],
            x_label=x_label,
            y_label=_("count"),
        ),
    }
    return {
        "period": period,
        "previous": period.previous(),
        "figures": figures,
        "charts": charts,
        "page_messages": period.messages,
    }
