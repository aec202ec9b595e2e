"""Content health: unanswered questions by age, likely duplicates, flags, tag trends."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deepcommons.moderation.models import FlagReason
from deepcommons.ops.charts import Chart, Series, format_value
from deepcommons.ops.views.common import PageView, operator_required, page_view_for

PER_SPACE = True

#: A table's CSV: its head and its rows of plain values.
Table = tuple[list[str], list[list[Any]]]


def bucket_labels() -> dict[str, str]:
    return {
        "lt1d": _("under 1 day"),
        "1to7d": _("1–7 days"),
        "7to30d": _("7–30 days"),
        "30to90d": _("30–90 days"),
        "gt90d": _("over 90 days"),
    }


def post_labels() -> dict[str, str]:
    return {
        "held": _("Held for review"),
        "closed": _("Closed"),
        "deleted": _("Deleted"),
        "low_score": _("Scored below zero"),
    }


def space_name(row: dict[str, Any]) -> str:
    if not row.get("space_id"):
        return _("No space")
    if (translation.get_language() or "").startswith("zh"):
        return str(row.get("name_zh") or row.get("name_en") or row.get("slug"))
    return str(row.get("name_en") or row.get("name_zh") or row.get("slug"))


def age_shown(days: float) -> str:
    if days < 1 / 24:
        return _("under an hour")
    if days < 1:
        hours = int(days * 24)
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": format_value(hours)}
    whole = int(days)
    return ngettext("%(n)s day", "%(n)s days", whole) % {"n": format_value(whole)}


@dataclass(frozen=True)
class OldQuestion:
    title: str
    url: str
    asked: datetime
    age: str


@dataclass(frozen=True)
class SpaceQuestions:
    name: str
    total: str
    questions: list[OldQuestion]


@dataclass(frozen=True)
class DuplicatePair:
    older_title: str
    older_url: str
    newer_title: str
    newer_url: str
    similarity: str


@dataclass(frozen=True)
class TagTrend:
    tag: str
    url: str
    recent: str
    before: str
    change: str


def _question_url(post_id: int) -> str:
    return reverse("posts:question-detail", kwargs={"post_id": post_id})


def _unanswered(data: dict[str, Any]) -> tuple[Chart, list[SpaceQuestions]]:
    labels = bucket_labels()
    rows = data["spaces"]
    chart = Chart(
        "unanswered",
        _("Unanswered questions by space and age"),
        "heatmap",
        x=[labels.get(key, key) for key in data["buckets"]],
        y=[space_name(row) for row in rows],
        values=[row["counts"] for row in rows],
        x_label=_("age"),
        y_label=_("space"),
        empty_reason="" if rows else _("Every open question has an answer: nothing is waiting."),
        note=_(
            "Open questions with neither an accepted answer nor an upvoted answer, by how long "
            "ago they were asked."
        ),
    )
    by_space: dict[int | None, list[OldQuestion]] = {}
    for q in data["oldest"]:
        by_space.setdefault(q["space_id"], []).append(
            OldQuestion(
                q["title"],
                _question_url(q["post_id"]),
                datetime.fromisoformat(q["asked"]),
                age_shown(q["age_days"]),
            )
        )
    groups = [
        SpaceQuestions(
            space_name(row), format_value(row["total"]), by_space.get(row["space_id"], [])
        )
        for row in rows
    ]
    return chart, groups


def _duplicates(data: dict[str, Any]) -> list[DuplicatePair]:
    return [
        DuplicatePair(
            p["older_title"],
            _question_url(p["older"]),
            p["newer_title"],
            _question_url(p["newer"]),
            format_value(p["similarity"], percent=True),
        )
        for p in data["pairs"]
    ]


def _trend_charts(data: dict[str, Any]) -> tuple[Chart, Chart]:
    weeks = data["weeks"]
    reasons = dict(FlagReason.choices)
    if data["flags_total"]:
        flag_reason = ""
    elif data["flags_ever"]:
        flag_reason = _("No flags were raised in these weeks.")
    else:
        flag_reason = _("No one has ever flagged anything here: there is no trend to draw.")
    flags = Chart(
        "flags",
        _("Flags per week, by reason"),
        "line",
        x=weeks,
        series=[
            Series(str(reasons.get(key, key)), values)
            for key, values in data["flags"].items()
            if any(values)
        ],
        x_label=_("week starting"),
        y_label=_("flags"),
        empty_reason=flag_reason,
    )
    labels = post_labels()
    posts = data["posts"]
    note = _(
        "Held and low-score posts are counted in the week they were posted, closed and "
        "deleted ones in the week it happened. Held and deleted posts are shown as counts "
        "only."
    )
    if not any(any(v) for v in posts.values()):
        # Flat zeros are the finding here, so the chart is drawn and says so.
        note = _("No post was held, closed, deleted or voted below zero in these weeks.")
    moderation = Chart(
        "moderation",
        _("Held, closed, deleted and low-score posts per week"),
        "line",
        x=weeks,
        series=[Series(labels[key], posts[key]) for key in labels],
        x_label=_("week starting"),
        y_label=_("posts"),
        note=note,
    )
    return flags, moderation


def _min_count(request: HttpRequest, stored: int, messages: list[str]) -> int:
    raw = request.GET.get("min", "").strip()
    if not raw:
        return stored
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < stored or value > 1_000_000:
        messages.append(
            _("The minimum count must be a whole number of at least %(min)s; showing %(min)s.")
            % {"min": stored}
        )
        return stored
    return value


def _tags(rows: list[dict[str, Any]], minimum: int) -> list[TagTrend]:
    return [
        TagTrend(
            row["tag"],
            reverse("posts:tag-detail", kwargs={"tag_name": row["tag"]}),
            format_value(row["recent"]),
            format_value(row["before"]),
            ("+" if row["change"] > 0 else "") + format_value(row["change"]),
        )
        for row in rows
        if max(row["recent"], row["before"]) >= minimum
    ]


def build(request: HttpRequest, view: PageView) -> dict[str, Any]:
    data = view.data
    messages: list[str] = []
    unanswered_chart, oldest = _unanswered(data["unanswered"])
    flags, moderation = _trend_charts(data["trends"])
    tags = data["tags"]
    minimum = _min_count(request, tags["min_count"], messages)
    return {
        "charts": {"unanswered": unanswered_chart, "flags": flags, "moderation": moderation},
        "unanswered_total": data["unanswered"]["total"],
        "oldest": oldest,
        "duplicates": _duplicates(data["duplicates"]),
        "duplicates_info": data["duplicates"],
        "duplicates_threshold": format_value(data["duplicates"]["threshold"], percent=True),
        "tag_tables": [
            (_("Rising tags"), _tags(tags["rising"], minimum), "rising"),
            (_("Falling tags"), _tags(tags["falling"], minimum), "falling"),
        ],
        "tag_days": tags["window_days"],
        "tag_minimum": minimum,
        "page_messages": messages,
        "tables": _tables(data, minimum),
    }


def _tables(data: dict[str, Any], minimum: int) -> dict[str, Table]:
    """The page's lists as CSV tables, with ids and raw numbers."""
    spaces = {row["space_id"]: space_name(row) for row in data["unanswered"]["spaces"]}
    tags = data["tags"]
    return {
        "oldest": (
            [_("space"), _("question title"), _("link"), _("asked (UTC)"), _("age (days)")],
            [
                [
                    spaces.get(q["space_id"], ""),
                    q["title"],
                    _question_url(q["post_id"]),
                    q["asked"],
                    q["age_days"],
                ]
                for q in data["unanswered"]["oldest"]
            ],
        ),
        "duplicates": (
            [_("older question"), _("link"), _("newer question"), _("link"), _("similarity")],
            [
                [
                    p["older_title"],
                    _question_url(p["older"]),
                    p["newer_title"],
                    _question_url(p["newer"]),
                    p["similarity"],
                ]
                for p in data["duplicates"]["pairs"]
            ],
        ),
        "tags": (
            [_("tag"), _("trend"), _("last period"), _("period before"), _("change")],
            [
                [row["tag"], trend, row["recent"], row["before"], row["change"]]
                for trend, key in ((_("rising"), "rising"), (_("falling"), "falling"))
                for row in tags[key]
                if max(row["recent"], row["before"]) >= minimum
            ],
        ),
    }


def csv_response(filename: str, head: Sequence[str], rows: Sequence[Sequence[Any]]) -> HttpResponse:
    """A CSV download (UTF-8 with a BOM, so spreadsheet programs read Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(head)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@operator_required
def table_csv(request: HttpRequest, table_id: str) -> HttpResponse:
    """One of the page's lists as CSV, for the page's space and filters."""
    view = page_view_for(request, "health", per_space=PER_SPACE)
    if view.reason:
        raise Http404
    tables = build(request, view)["tables"]
    if table_id not in tables:
        raise Http404
    head, rows = tables[table_id]
    scope = f"-{view.space.slug}" if view.space is not None else ""
    return csv_response(f"health-{table_id}{scope}", head, rows)
