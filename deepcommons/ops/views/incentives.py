"""Incentives: reputation and badge distributions, members close to a privilege,
leaderboard movement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from deepcommons.accounts import privileges
from deepcommons.ops.charts import Chart, Series, format_value
from deepcommons.ops.views.common import PageView, operator_required, page_view_for
from deepcommons.ops.views.health import Table, csv_response
from deepcommons.reputation.badges import BadgeClass, get_badge

PER_SPACE = True


def period_labels() -> dict[str, str]:
    return {"week": _("Last 7 days"), "month": _("Last 30 days")}


def bucket_label(edges: list[int], index: int) -> str:
    low = edges[index]
    if index == 0:
        return _("up to %(n)s") % {"n": format_value(edges[1] - 1)}
    if index == len(edges) - 1:
        return _("%(n)s or more") % {"n": format_value(low)}
    high = edges[index + 1] - 1
    if high == low:
        return format_value(low)
    return f"{format_value(low)}–{format_value(high)}"


def privilege_titles(names: list[str]) -> str:
    return ", ".join(
        str(privileges.BY_NAME[name].title) if name in privileges.BY_NAME else name
        for name in names
    )


def profile_url(username: str) -> str:
    return reverse("accounts:profile-detail", kwargs={"username": username})


@dataclass(frozen=True)
class BadgeRow:
    name: str
    level: str
    level_key: str
    awards: str
    holders: str


@dataclass(frozen=True)
class PrivilegeRow:
    title: str
    threshold: str
    holders: str
    close: str
    window: str


@dataclass(frozen=True)
class NearMember:
    username: str
    url: str
    reputation: str
    gap: str
    threshold: str
    unlocks: str


@dataclass(frozen=True)
class Mover:
    username: str
    url: str
    rank: str
    previous_rank: str
    move: str
    gained: str
    previous_gained: str


def _reputation_chart(data: dict[str, Any]) -> Chart:
    edges = data["edges"]
    return Chart(
        "reputation",
        _("Members by reputation"),
        "bar",
        x=[bucket_label(edges, i) for i in range(len(edges))],
        series=[Series(_("members"), data["counts"])],
        x_label=_("reputation"),
        y_label=_("members"),
        empty_reason="" if data["members"] else _("There are no active members yet."),
        note=_("Buckets grow in 1–2–5 steps, so each covers about the same span on a log scale."),
    )


def _badges(data: dict[str, Any]) -> tuple[Chart, list[BadgeRow]]:
    rows = []
    for row in data["badges"]:
        badge = get_badge(row["badge"])
        name = str(badge.name) if badge is not None else row["badge"]
        level = str(BadgeClass(row["level"]).label) if row["level"] in BadgeClass.values else ""
        rows.append(
            BadgeRow(
                name, level, row["level"], format_value(row["awards"]), format_value(row["holders"])
            )
        )
    chart = Chart(
        "badges",
        _("Badges awarded"),
        "bar",
        x=[row.name for row in rows],
        series=[
            Series(_("awards"), [r["awards"] for r in data["badges"]]),
            Series(_("members holding it"), [r["holders"] for r in data["badges"]]),
        ],
        x_label=_("badge"),
        y_label=_("count"),
        empty_reason="" if rows else _("No badge has been awarded yet."),
    )
    return chart, rows


def _near(data: dict[str, Any]) -> tuple[list[PrivilegeRow], list[NearMember]]:
    summary = [
        PrivilegeRow(
            privilege_titles(row["names"]),
            format_value(row["threshold"]),
            format_value(row["holders"]),
            format_value(row["close"]),
            format_value(row["window"]),
        )
        for row in data["privileges"]
    ]
    members = [
        NearMember(
            row["username"],
            profile_url(row["username"]),
            format_value(row["reputation"]),
            format_value(row["gap"]),
            format_value(row["threshold"]),
            privilege_titles(row["unlocks"]),
        )
        for row in data["members"]
    ]
    return summary, members


def _move(row: dict[str, Any]) -> str:
    if row["previous_rank"] is None:
        return _("new on the board")
    if row["rank"] is None:
        return _("left the board")
    return ("+" if row["move"] > 0 else "") + format_value(row["move"])


def _movers(rows: list[dict[str, Any]]) -> list[Mover]:
    def rank(value: int | None) -> str:
        return format_value(value) if value else _("not ranked")

    return [
        Mover(
            row["username"],
            profile_url(row["username"]),
            rank(row["rank"]),
            rank(row["previous_rank"]),
            _move(row),
            format_value(row["gained"]),
            format_value(row["previous_gained"]),
        )
        for row in rows
    ]


def _period(request: HttpRequest, messages: list[str]) -> str:
    raw = request.GET.get("period", "").strip()
    if not raw:
        return "week"
    if raw not in period_labels():
        messages.append(
            _("There is no period “%(period)s”; showing the last 7 days.") % {"period": raw[:40]}
        )
        return "week"
    return raw


def _movement(data: dict[str, Any], period: str) -> dict[str, Any]:
    moves = data["movement"][period]
    return {
        "period": period,
        "periods": list(period_labels().items()),
        "period_label": period_labels()[period],
        "period_days": moves["days"],
        "mover_tables": [
            (_("Rose most"), _movers(moves["rose"]), "rose"),
            (_("Fell most"), _movers(moves["fell"]), "fell"),
        ],
        "board": moves["board"],
    }


def build(request: HttpRequest, view: PageView) -> dict[str, Any]:
    """The whole community's page, or for a space its leaderboard movement
    only (reputation, badges and privileges are not per space)."""
    data = view.data
    messages: list[str] = []
    period = _period(request, messages)
    context = _movement(data, period)
    context["page_messages"] = messages
    context["tables"] = _tables(data, period)
    if "reputation" not in data:
        context["charts"] = {}
        context["community_wide"] = False
        return context
    badge_chart, badge_rows = _badges(data["badges"])
    summary, near = _near(data["near"])
    levels = data["badges"]["levels"]
    context.update(
        {
            "community_wide": True,
            "charts": {"reputation": _reputation_chart(data["reputation"]), "badges": badge_chart},
            "members_total": data["reputation"]["members"],
            "median_reputation": format_value(data["reputation"]["median"]),
            "level_totals": [
                (str(BadgeClass(key).label), key, format_value(levels[key])) for key in levels
            ],
            "badge_rows": badge_rows,
            "privilege_rows": summary,
            "near": near,
            "near_total": data["near"]["close_total"],
            "near_points": data["near"]["near_points"],
            "near_share": format_value(data["near"]["near_share"], percent=True),
        }
    )
    return context


def _tables(data: dict[str, Any], period: str) -> dict[str, Table]:
    """The page's lists as CSV tables, with raw numbers."""
    moves = data["movement"][period]
    tables: dict[str, Table] = {
        "movers": (
            [
                _("direction"),
                _("member"),
                _("rank"),
                _("rank before"),
                _("places"),
                _("gained"),
                _("gained before"),
            ],
            [
                [
                    direction,
                    r["username"],
                    r["rank"],
                    r["previous_rank"],
                    r["move"],
                    r["gained"],
                    r["previous_gained"],
                ]
                for direction, key in ((_("rose"), "rose"), (_("fell"), "fell"))
                for r in moves[key]
            ],
        )
    }
    if "near" in data:
        tables["near"] = (
            [_("member"), _("reputation"), _("points to go"), _("threshold"), _("would unlock")],
            [
                [
                    r["username"],
                    r["reputation"],
                    r["gap"],
                    r["threshold"],
                    privilege_titles(r["unlocks"]),
                ]
                for r in data["near"]["members"]
            ],
        )
    return tables


@operator_required
def table_csv(request: HttpRequest, table_id: str) -> HttpResponse:
    """One of the page's lists as CSV, for the page's space and period."""
    view = page_view_for(request, "incentives", per_space=PER_SPACE)
    if view.reason:
        raise Http404
    tables = build(request, view)["tables"]
    if table_id not in tables:
        raise Http404
    head, rows = tables[table_id]
    scope = f"-{view.space.slug}" if view.space is not None else ""
    return csv_response(f"incentives-{table_id}{scope}", head, rows)
