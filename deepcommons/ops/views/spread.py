"""Content spread: one post's engagement over time with its fits beside its space's
typical post, the most-spread posts of a period, and simulated reach along follows.

One module per console page is the ops convention (`common.console_page` finds
`ops.views.<page>.build`), so this page's three parts stay together here.

Everything comes from the snapshot except a post outside it: that post's
curve is read live from its activity events (one query on the indexed
object columns, a few milliseconds) and drawn without fits: a Bass fit takes
15 ms on a clean curve but seconds on a flat one, too slow for a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deepcommons.analytics.models import ActivityEvent
from deepcommons.analytics.report import spread as report_spread
from deepcommons.ops.charts import Chart, Series, format_value
from deepcommons.ops.ranges import parse_range
from deepcommons.ops.snapshots import spread as snapshot
from deepcommons.ops.views.common import PageView
from deepcommons.posts.models import Post
from deepcommons.spaces.models import Space

PER_SPACE = False
#: How many posts the top list shows.
TOP_SHOWN = 20
#: Bins of the reach distribution.
REACH_BINS = 30


def kind_labels() -> dict[str, str]:
    return {
        "answer": _("answers"),
        "comment": _("comments"),
        "vote": _("votes"),
        "accept": _("acceptances"),
    }


def doubt_labels() -> dict[str, str]:
    return {
        "at_bound": _("a parameter ended on the edge of its search range"),
        "singular": _("the data cannot tell the parameters apart"),
        "uncertain": _("a standard error is larger than its estimate"),
        "market_above_population": _("m is more than the members who could engage"),
        "market_extrapolated": _("m is extrapolated far beyond the members seen"),
        "r0_too_large": _("R0 is implausibly large"),
        "r0_interval_unbounded": _("the interval of R0 is unbounded"),
        "error": _("the fit failed"),
    }


@dataclass(frozen=True)
class FitRow:
    label: str
    cells: list[str]


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 19 else None


def _doubts(codes: list[str]) -> str:
    names = doubt_labels()
    return "; ".join(names.get(code, code) for code in codes)


def _fit_cells(fit: dict[str, Any] | None) -> tuple[list[str], str]:
    """p, q, m, Bass peak, β, γ, R0, SIR peak — and why some are not shown."""
    if fit is None:
        return ["–"] * 8, _("not computed")
    if fit.get("too_little"):
        return ["–"] * 8, _("too little data to fit")
    if fit.get("not_fitted") == "live":
        return ["–"] * 8, _("not fitted: read live")
    if fit.get("not_fitted"):
        return ["–"] * 8, _("not fitted: the recompute ran out of time for fits")
    cells, notes = [], []
    bass, sir = fit.get("bass"), fit.get("sir")
    if bass and not fit.get("bass_doubts"):
        cells += [format_value(bass[k]) for k in ("p", "q", "m", "peak")]
    else:
        cells += ["–"] * 4
        if fit.get("bass_doubts"):
            notes.append(_("Bass not identifiable: %(why)s") % {"why": _doubts(fit["bass_doubts"])})
        else:
            notes.append(_("Bass could not be fitted"))
    if sir and not fit.get("sir_doubts"):
        cells += [format_value(sir[k]) for k in ("beta", "gamma", "R0", "peak")]
    else:
        cells += ["–"] * 4
        if fit.get("sir_doubts"):
            notes.append(_("SIR not identifiable: %(why)s") % {"why": _doubts(fit["sir_doubts"])})
        elif "sir" not in fit:
            notes.append(_("SIR not fitted for this post"))
        else:
            notes.append(_("SIR could not be fitted"))
    return cells, ". ".join(notes)


def fit_head() -> list[str]:
    return [
        "p",
        "q",
        "m",
        _("Bass peak day"),
        "β",
        "γ",
        "R0",
        _("SIR peak day"),
        _("note"),
    ]


def live_post(post_id: int, created: pd.Timestamp, population: int) -> dict[str, Any]:
    """A thread's curve from its activity events, in the snapshot's shape, unfitted."""
    thread = Post.objects.filter(Q(pk=post_id) | Q(parent_id=post_id)).values("pk")
    rows = list(
        ActivityEvent.objects.filter(
            object_type="posts.post",
            object_id__in=thread,
            kind__in=report_spread.ENGAGEMENT_KINDS,
        ).values_list("user_id", "kind", "occurred_at")
    )
    frame = pd.DataFrame(rows, columns=["user_id", "kind", "timestamp"])
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True)
    out: dict[str, Any] = {"id": post_id, "live": True, "people": 0, "events": len(frame)}
    if frame.empty:
        start = created.floor("D")
        out.update(start=f"{start:%Y-%m-%d}", adopters=[], active=[], daily={})
        out["fit"] = {"too_little": True}
        return out
    start = min(created, frame["timestamp"].min()).floor("D")
    curve = report_spread.post_curve(frame, start=start)
    day = np.floor((frame["timestamp"] - start) / pd.Timedelta(days=1)).to_numpy(np.int64)
    out.update(
        start=f"{start:%Y-%m-%d}",
        people=curve.people,
        adopters=curve.adopters.astype(int).tolist(),
        active=curve.active.astype(int).tolist(),
        daily={
            kind: np.bincount(day[(frame["kind"] == kind).to_numpy()], minlength=len(curve.t))
            .astype(int)
            .tolist()
            for kind in report_spread.ENGAGEMENT_KINDS
        },
        # Not fitted: Bass takes 15 ms on a clean curve but seconds on a flat one.
        fit={"too_little": True}
        if snapshot.too_little(curve.adopters, curve.active)
        else {"too_little": False, "not_fitted": "live"},
    )
    return out


def _not_fitted(fit: dict[str, Any]) -> str:
    if fit.get("not_fitted") == "live":
        return _("Not fitted: only the posts in the snapshot are fitted.")
    return _("Not fitted: the recompute ran out of time for fits before this post.")


def _post_charts(post: dict[str, Any], typical: dict[str, Any] | None, title: str) -> list[Chart]:
    start = date.fromisoformat(post["start"])
    span = len(post["adopters"])
    x = [(start + timedelta(days=i)).isoformat() for i in range(span)]
    fit = post["fit"]
    day_label = _("day (UTC)")
    names = kind_labels()
    cumulative = np.cumsum(post["adopters"]).astype(float).tolist()
    engagement = Chart(
        "engagement",
        _("Engagement with “%(post)s” by day") % {"post": title},
        "bar",
        x=x,
        series=[Series(names[k], post["daily"].get(k, [])) for k in names]
        + [Series(_("engaged members so far"), cumulative, kind="line")],
        x_label=day_label,
        y_label=_("count"),
        empty_reason="" if span else _("Nobody has engaged with this post yet."),
    )
    t = np.arange(1, span + 1, dtype=float)
    too_little = ngettext(
        "Too little data to fit: %(people)d engaged member.",
        "Too little data to fit: %(people)d engaged members.",
        post["people"],
    ) % {"people": post["people"]}
    bass_series = [Series(_("new engaged members"), post["adopters"])]
    bass_note = too_little if fit.get("too_little") else ""
    if fit.get("not_fitted"):
        bass_note = sir_note = _not_fitted(fit)
    bass = fit.get("bass")
    if bass and not fit.get("bass_doubts"):
        fitted = bass["m"] * np.diff(
            np.r_[0.0, report_spread.diffusion.bass_cdf(t, bass["p"], bass["q"])]
        )
        bass_series.append(Series(_("Bass fit"), fitted.round(3).tolist(), kind="line"))
    elif bass is not None or fit.get("bass_doubts"):
        bass_note = _("Bass not identifiable: %(why)s") % {
            "why": _doubts(fit.get("bass_doubts", []))
        }
    charts = [
        engagement,
        Chart(
            "bass",
            _("New engaged members per day, with the Bass fit"),
            "bar",
            x=x,
            series=bass_series,
            x_label=day_label,
            y_label=_("members"),
            note=bass_note,
            empty_reason="" if span else _("Nobody has engaged with this post yet."),
        ),
    ]
    sir_series = [Series(_("members engaging that day"), post["active"])]
    sir = fit.get("sir")
    sir_note = too_little if fit.get("too_little") else ""
    if sir and not fit.get("sir_doubts"):
        infected = report_spread.diffusion.solve_sir(
            t,
            beta=sir["beta"],
            gamma=sir["gamma"],
            population=post.get("population", 1) or 1,
            initial_infected=max(post["active"][0], 1) if span else 1,
            t0=1.0,
        ).I
        sir_series.append(Series(_("SIR fit"), infected.round(3).tolist(), kind="line"))
    elif "sir_doubts" in fit:
        sir_note = _("SIR not identifiable: %(why)s") % {"why": _doubts(fit["sir_doubts"])}
    elif fit.get("not_fitted"):
        sir_note = _not_fitted(fit)
    elif not fit.get("too_little"):
        sir_note = _("SIR is fitted only for the most-spread posts in the snapshot.")
    charts.append(
        Chart(
            "sir",
            _("Members engaging per day, with the SIR fit"),
            "bar",
            x=x,
            series=sir_series,
            x_label=day_label,
            y_label=_("members"),
            note=sir_note,
            empty_reason="" if span else _("Nobody has engaged with this post yet."),
        )
    )
    people = post["people"] or 1
    if typical:
        days = width = len(typical["median"])
        own = (np.cumsum(post["adopters"]) / people)[:width].round(4).tolist()
        typical_series = [
            Series(_("this post"), own),
            Series(_("typical post (median)"), typical["median"]),
        ]
        if typical.get("bass") and not typical.get("bass_doubts"):
            b = typical["bass"]
            curve = b["m"] * report_spread.diffusion.bass_cdf(
                np.arange(1, days + 1, dtype=float), b["p"], b["q"]
            )
            typical_series.append(
                Series(_("typical post, Bass fit"), curve.round(4).tolist(), dashed=True)
            )
        charts.append(
            Chart(
                "typical",
                _("Share of its engaged members reached, against the typical post"),
                "line",
                x=list(range(width)),
                series=typical_series,
                x_label=_("days since posting"),
                y_label=_("share of the post's engaged members"),
                percent=True,
            )
        )
    return charts


def _reach_chart(member: dict[str, Any] | None) -> Chart:
    if member is None:
        return Chart(
            "reach",
            _("Simulated reach"),
            "bar",
            empty_reason=_("No member has followers yet, so there is no reach to simulate."),
        )
    reach = np.asarray(member["reach"], dtype=np.int64)
    low, high = int(reach.min()), int(reach.max())
    if high - low + 1 <= REACH_BINS:
        edges = np.arange(low, high + 2)
        x = [str(v) for v in range(low, high + 1)]
    else:
        edges = np.unique(np.linspace(low, high + 1, REACH_BINS + 1).round().astype(int))
        x = [
            str(a) if b - 1 == a else f"{a}–{b - 1}"
            for a, b in zip(edges[:-1], edges[1:], strict=True)
        ]
    counts = np.histogram(reach, bins=edges)[0]
    return Chart(
        "reach",
        _("How far a post by %(member)s goes: reach in %(runs)d simulated runs")
        % {"member": member["username"], "runs": len(reach)},
        "bar",
        x=x,
        series=[Series(_("runs"), counts.astype(int).tolist())],
        x_label=_("members reached (the author included)"),
        y_label=_("runs"),
    )


def build(request: HttpRequest, view: PageView) -> dict[str, Any]:
    data = view.data
    messages: list[str] = []
    params = request.GET
    posts: list[dict[str, Any]] = data["posts"]
    by_id = {p["id"]: p for p in posts}
    space = None
    slug = params.get("space", "").strip()
    if slug:
        space = Space.objects.filter(slug=slug).first()
        if space is None:
            messages.append(
                _("There is no space “%(slug)s”; showing the whole community.") % {"slug": slug}
            )
    starts = [date.fromisoformat(p["start"]) for p in posts]
    today = (view.snapshot.computed_at if view.snapshot else timezone.now()).date()
    period = parse_range(params.dict(), today=today, first=min(starts, default=today))
    messages += period.messages
    in_period = [
        p
        for p, start in zip(posts, starts, strict=True)
        if period.start <= start <= period.end and (space is None or p["space"] == space.pk)
    ][:TOP_SHOWN]

    chosen_id: int | None = None
    raw = params.get("post", "").strip()
    if raw:
        chosen_id = _int(raw)
        if chosen_id is None:
            messages.append(_("“%(value)s” is not a post number.") % {"value": raw[:40]})
    wanted = {p["id"] for p in in_period} | ({chosen_id} if chosen_id else set())
    visible = {
        row["pk"]: row
        for row in Post.objects.published()
        .alive()
        .filter(pk__in=wanted, parent__isnull=True)
        .values("pk", "title", "kind", "space_id", "created_at")
    }
    top = [dict(p, title=visible[p["id"]]["title"]) for p in in_period if p["id"] in visible]
    post: dict[str, Any] | None = None
    if chosen_id is not None:
        if chosen_id not in visible:
            messages.append(
                _("There is no published post #%(id)d; pick one from the list below.")
                % {"id": chosen_id}
            )
        elif chosen_id in by_id:
            post = dict(by_id[chosen_id], title=visible[chosen_id]["title"])
        else:
            row = visible[chosen_id]
            post = live_post(
                chosen_id, pd.Timestamp(row["created_at"]).tz_convert("UTC"), data["population"]
            )
            post.update(title=row["title"], space=row["space_id"])
    if post is None and top:
        post = top[0]
    charts: dict[str, Chart] = {}
    fit_rows: list[FitRow] = []
    if post is not None:
        post["population"] = data["population"]
        typical_all = data["typical"].get("all")
        typical_space = data["typical"].get(str(post.get("space")))
        for chart in _post_charts(post, typical_space or typical_all, post["title"]):
            charts[chart.chart_id] = chart
        cells, note = _fit_cells(post["fit"])
        fit_rows.append(FitRow(_("this post"), [*cells, note]))
        for label, typical in (
            (_("typical post of its space"), typical_space),
            (_("typical post, whole community"), typical_all),
        ):
            if typical:
                cells, note = _fit_cells({**typical, "too_little": False})
                head = _("median of %(n)d posts; m is a share") % {"n": typical["posts"]}
                fit_rows.append(FitRow(label, [*cells, ". ".join(filter(None, [head, note]))]))

    reach = data["reach"]
    members = reach["members"]
    member = members[0] if members else None
    raw_member = params.get("member", "").strip()
    if raw_member:
        member_id = _int(raw_member)
        found = next((m for m in members if m["id"] == member_id), None)
        if found is None:
            messages.append(
                _(
                    "Reach is simulated for the %(n)d members with the most followers only; "
                    "“%(value)s” is not one of them."
                )
                % {"n": len(members), "value": raw_member[:40]}
            )
        else:
            member = found
    charts["reach"] = _reach_chart(member)
    return {
        "charts": charts,
        "page_messages": messages,
        "period": period,
        "space_filter": space,
        "post": post,
        "top": [
            {
                **p,
                "people_shown": format_value(p["people"]),
                "events_shown": format_value(p["events"]),
                "cells": _fit_cells(p["fit"])[0],
            }
            for p in top
        ],
        "fit_head": fit_head(),
        "fit_rows": fit_rows,
        "kinds": [kind_labels()[k] for k in data["kinds"]],
        "members": members,
        "member": member,
        "member_figures": {
            "mean": format_value(member["mean"]),
            "low": format_value(member["low"]),
            "high": format_value(member["high"]),
            "followers": format_value(member["followers"]),
        }
        if member
        else None,
        "reach_runs": reach["runs"],
        "threads": data["threads"],
        "top_size": len(posts),
    }
