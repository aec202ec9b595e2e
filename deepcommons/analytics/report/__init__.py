"""The community report: every model run on the community's data, as one HTML file.

`build_report` takes DataFrames (see `frames`), so the same code runs on the
live database (`manage.py analytics report`) and on synthetic data (the
benchmark). Each section's module runs its models and gathers the results
into a small context object of text, tables and charts; the page is the
template `analytics/report.html`, which escapes every string (member names
and tags included) and has one partial per section. Charts are matplotlib
PNGs embedded as data URIs, so the file is self-contained. A section whose
model cannot be fitted on the data says why instead of failing the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from deepcommons.analytics.report import graph, members, spread
from deepcommons.analytics.report.blocks import ReportData

__all__ = ["ReportData", "Section", "build_report", "build_sections"]

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Section:
    """One section of the report: its body (a context object), or why it has none.

    `partial` names the template partial that renders `body`.
    """

    title: str
    partial: str
    body: Any = None
    reason: str = ""

    @property
    def template(self) -> str:
        return f"analytics/report.html#{self.partial}"


def build_sections(data: ReportData, *, progress: Progress | None = None) -> list[Section]:
    """Run every model and return each section's results, in the report's order."""
    plan: list[tuple[str, str, Callable[[ReportData], Any]]] = [
        (_("Overview"), "overview", members.overview),
        (_("Growth"), "growth", members.growth_curves),
        (_("RFM segments"), "segments", members.segments),
        (_("Activity clusters"), "clusters", members.clusters),
        (_("Cohort retention"), "retention", members.retention),
        (_("Churn risk (BG/NBD)"), "churn", members.churn),
        (_("Content diffusion"), "diffusion", spread.spread),
        (_("Social network"), "network", graph.social_network),
    ]
    if data.events.empty:
        raise ValueError("there are no activity events to report on")
    sections = []
    for step, (title, partial, run) in enumerate(plan):
        if progress is not None:
            progress(step, len(plan), title)
        try:
            sections.append(Section(title, partial, body=run(data)))
        except ValueError as exc:
            sections.append(Section(title, partial, reason=str(exc)))
    if progress is not None:
        progress(len(plan), len(plan), _("Done"))
    return sections


def build_report(data: ReportData, *, progress: Progress | None = None) -> str:
    """Run every model and return the report as one HTML document."""
    sections = build_sections(data, progress=progress)
    generated = _("Generated %(when)s from %(events)d events.") % {
        "when": f"{data.now:%Y-%m-%d %H:%M} UTC",
        "events": len(data.events),
    }
    context = {"language": get_language() or "en", "generated": generated, "sections": sections}
    return render_to_string("analytics/report.html", context)
