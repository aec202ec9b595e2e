"""Growth: cumulative registrations and active members, the fitted curves and a forecast."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deepcommons.ops.charts import Chart, Series, format_value
from deepcommons.ops.views.common import PageView

PER_SPACE = True
PERIODS = ("day", "week", "month")


def model_label(name: str) -> str:
    return {
        "exponential": _("exponential"),
        "logistic": _("logistic"),
        "gompertz": _("Gompertz"),
    }.get(name, name)


def fit_problem(error: dict[str, Any]) -> str:
    """Why the curves were not fitted, in words."""
    what = error.get("what")
    if what == "members":
        return _(
            "The growth curves are not fitted: there are %(have)d members here and the fits "
            "need at least %(need)d."
        ) % {"have": error["have"], "need": error["need"]}
    if what == "days":
        return _(
            "The growth curves are not fitted: there are %(have)d days of history and the fits "
            "need at least %(need)d."
        ) % {"have": error["have"], "need": error["need"]}
    if what == "growth_days":
        return ngettext(
            "Registrations grew on only %(have)d day (members imported at once?) and the fits "
            "need growth on at least %(need)d.",
            "Registrations grew on only %(have)d days (members imported at once?) and the fits "
            "need growth on at least %(need)d.",
            error["have"],
        ) % {"have": error["have"], "need": error["need"]}
    return _("No growth curve could be fitted to these registrations (%(why)s).") % {
        "why": error.get("message", "")
    }


def period_ends(days: list[date], per: str) -> list[int]:
    """Indices of the last day of each period (the last one may be partial)."""
    if per == "day":
        return list(range(len(days)))
    ends = []
    for i, day in enumerate(days):
        nxt = day + timedelta(days=1)
        last = i == len(days) - 1
        if last or (per == "week" and nxt.weekday() == 0) or (per == "month" and nxt.day == 1):
            ends.append(i)
    return ends


def per_period(cumulative: list[int], ends: list[int]) -> list[int]:
    """Counts per period: the cumulative series' differences between period ends."""
    previous = 0
    out = []
    for index in ends:
        out.append(int(cumulative[index] - previous))
        previous = cumulative[index]
    return out


def build(request: HttpRequest, view: PageView) -> dict[str, Any]:
    data = view.data
    messages: list[str] = []
    per = request.GET.get("per", "week")
    if per not in PERIODS:
        messages.append(_("Unknown period “%(per)s”; showing weeks.") % {"per": per[:20]})
        per = "week"
    origin = date.fromisoformat(data["origin"])
    days = [origin + timedelta(days=i) for i in range(data["days"])]
    series = data["series"]
    fit = data.get("fit")
    horizon = fit["forecast_days"] if fit else 0
    future = [days[-1] + timedelta(days=i) for i in range(1, horizon + 1)]
    x = [d.isoformat() for d in days + future]
    pad = [None] * horizon

    lines = [
        Series(_("registered members (cumulative)"), [*series["registrations"], *pad]),
        Series(_("members with activity (cumulative)"), [*series["with_activity"], *pad]),
        Series(_("monthly active members"), [*series["mau"], *pad]),
    ]
    rows: list[dict[str, Any]] = []
    forecast: dict[str, str] | None = None
    capacities = []
    if fit:
        for model in fit["models"]:
            label = model_label(model["name"])
            is_best = model["name"] == fit["best"]
            values = [*model["fitted"], *model["forecast"]["mean"]]
            band = None
            if is_best:
                band = [(None, None)] * len(days) + list(
                    zip(model["forecast"]["lower"], model["forecast"]["upper"], strict=True)
                )
            name = _("%(model)s fit") % {"model": label}
            if is_best:
                name = _("%(model)s fit (best), 95%% forecast interval") % {"model": label}
            lines.append(Series(name, values, band=band, dashed=not is_best))
            params = ", ".join(
                f"{key} = {format_value(value)} ± {format_value(model['se'].get(key))}"
                for key, value in model["params"].items()
            )
            rows.append(
                {
                    "model": label,
                    "best": is_best,
                    "params": params,
                    "r_squared": format_value(model["r_squared"]),
                    "aic": format_value(model["aic"]),
                    "delta_aic": format_value(model["delta_aic"]),
                    "weight": format_value(model["weight"], percent=True),
                }
            )
            if model["capacity"]:
                cap = model["capacity"]
                capacities.append(
                    {
                        "model": label,
                        "value": format_value(cap["value"]),
                        "low": format_value(cap["ci"][0]),
                        "high": format_value(cap["ci"][1]),
                    }
                )
            if is_best:
                forecast = {
                    "series": data.get("fit_series", "registrations"),
                    "model": label,
                    "day": future[-1].isoformat(),
                    "mean": format_value(model["forecast"]["mean"][-1]),
                    "low": format_value(model["forecast"]["lower"][-1]),
                    "high": format_value(model["forecast"]["upper"][-1]),
                    "now": format_value(series[data.get("fit_series", "registrations")][-1]),
                }
        failed = [
            {"model": model_label(name), "why": why} for name, why in fit.get("failed", {}).items()
        ]
    else:
        failed = []
    problem = fit_problem(data["fit_error"]) if "fit_error" in data else ""
    if fit and data.get("fit_series") == "with_activity":
        problem += " " + _("The curves are fitted to members with activity instead.")

    ends = period_ends(days, per)
    per_label = {"day": _("day (UTC)"), "week": _("week ending"), "month": _("month ending")}[per]
    charts = {
        "members": Chart(
            "members",
            _("Members over time, with the fitted growth curves"),
            "line",
            x=x,
            series=lines,
            x_label=_("day (UTC)"),
            y_label=_("members"),
        ),
        "new": Chart(
            "new",
            _("New members per period"),
            "bar",
            x=[days[i].isoformat() for i in ends],
            series=[
                Series(_("registrations"), per_period(series["registrations"], ends)),
                Series(
                    _("members active for the first time"),
                    per_period(series["with_activity"], ends),
                ),
            ],
            x_label=per_label,
            y_label=_("members"),
        ),
    }
    return {
        "charts": charts,
        "fits": rows,
        "failed": failed,
        "capacities": capacities,
        "forecast": forecast,
        "fit_problem": problem,
        "per": per,
        "periods": [("day", _("days")), ("week", _("weeks")), ("month", _("months"))],
        "page_messages": messages,
    }
