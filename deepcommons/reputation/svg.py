"""Server-rendered SVG charts for the profile: the reputation graph and the
activity heatmap. No JavaScript and no style attributes (strict CSP): shapes
use presentation attributes and classes from reputation/css/badges.css.
Each chart has a <title> and <desc> and role="img" with an aria-label."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

GRAPH_WIDTH = 720
GRAPH_HEIGHT = 180
PAD = 32
CELL = 11
GAP = 2
WEEKS = 53


def _svg(width: int, height: int, label: str, desc: str, body: str, css: str) -> SafeString:
    return format_html(
        '<svg class="{}" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title><desc>{}</desc>{}</svg>',
        css,
        width,
        height,
        label,
        label,
        desc,
        mark_safe(body),  # built below from numbers and escaped text only
    )


def reputation_graph(days: Sequence[tuple[date, int]], *, base: int = 1) -> SafeString:
    """A step line of the running total after each day with changes.

    `days` is (day, net change) oldest first, as `ReputationChange.by_day()`
    gives; the total starts at `base`.
    """
    label = _("Reputation over time")
    if not days:
        return _svg(
            GRAPH_WIDTH, GRAPH_HEIGHT, label, _("No reputation changes yet."), "", "rep-graph"
        )
    totals: list[tuple[date, int]] = []
    running = base
    for day, change in days:
        running += change
        totals.append((day, running))
    first, last = totals[0][0], totals[-1][0]
    span = max((last - first).days, 1)
    values = [base] + [total for _day, total in totals]
    low, high = min(values), max(values)
    rng = max(high - low, 1)
    inner_w, inner_h = GRAPH_WIDTH - 2 * PAD, GRAPH_HEIGHT - 2 * PAD

    def x(day: date) -> float:
        return PAD + inner_w * (day - first).days / span

    def y(value: int) -> float:
        return PAD + inner_h * (1 - (value - low) / rng)

    points = [f"{PAD:.1f},{y(base):.1f}"]
    previous = base
    for day, total in totals:
        points.append(f"{x(day):.1f},{y(previous):.1f}")
        points.append(f"{x(day):.1f},{y(total):.1f}")
        previous = total
    body = [
        f'<line class="rep-axis" x1="{PAD}" y1="{GRAPH_HEIGHT - PAD}" '
        f'x2="{GRAPH_WIDTH - PAD}" y2="{GRAPH_HEIGHT - PAD}" stroke="currentColor"/>',
        f'<polyline class="rep-line" fill="none" stroke="currentColor" stroke-width="2" '
        f'points="{" ".join(points)}"/>',
        f'<text class="rep-label" x="{PAD}" y="{PAD - 10}" fill="currentColor" font-size="11">'
        f"{high}</text>",
        f'<text class="rep-label" x="{PAD}" y="{GRAPH_HEIGHT - 10}" fill="currentColor" '
        f'font-size="11">{escape(date_format(first, "SHORT_DATE_FORMAT"))}</text>',
        f'<text class="rep-label" x="{GRAPH_WIDTH - PAD}" y="{GRAPH_HEIGHT - 10}" '
        f'fill="currentColor" font-size="11" text-anchor="end">'
        f"{escape(date_format(last, 'SHORT_DATE_FORMAT'))}</text>",
    ]
    desc = _("From %(start)s to %(end)s, reputation went from %(low)s to %(now)s.") % {
        "start": date_format(first),
        "end": date_format(last),
        "low": base,
        "now": totals[-1][1],
    }
    return _svg(GRAPH_WIDTH, GRAPH_HEIGHT, label, desc, "".join(body), "rep-graph")


def activity_level(visited: bool, posts: int) -> int:
    """0 (nothing), 1 (visited), 2 (one post), 3 (two or three), 4 (more)."""
    if posts >= 4:
        return 4
    if posts >= 2:
        return 3
    if posts == 1:
        return 2
    return 1 if visited else 0


def activity_heatmap(*, visits: set[date], posts: dict[date, int], today: date) -> SafeString:
    """53 weeks of days, a column per week (Monday at the top), ending today."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)
    cells = []
    active_days = 0
    day = start
    while day <= today:
        week = (day - start).days // 7
        count = posts.get(day, 0)
        level = activity_level(day in visits, count)
        active_days += level > 0
        tip = ngettext("%(n)s post on %(day)s", "%(n)s posts on %(day)s", count) % {
            "n": count,
            "day": date_format(day),
        }
        if day in visits and not count:
            tip = _("Visited on %(day)s") % {"day": date_format(day)}
        cells.append(
            f'<rect class="heat heat-{level}" x="{week * (CELL + GAP)}" '
            f'y="{day.weekday() * (CELL + GAP)}" width="{CELL}" height="{CELL}" rx="2">'
            f"<title>{escape(tip)}</title></rect>"
        )
        day += timedelta(days=1)
    label = _("Activity in the last year")
    desc = ngettext(
        "Active on %(n)s day in the last year.",
        "Active on %(n)s days in the last year.",
        active_days,
    ) % {"n": active_days}
    return _svg(WEEKS * (CELL + GAP), 7 * (CELL + GAP), label, desc, "".join(cells), "heatmap")
