"""The console's charts: one description that feeds the browser, the data table and the CSV.

A page builder turns a snapshot into `Chart`s with translated labels. The
same object is served three ways, so they cannot disagree:

- as JSON (`Chart.as_json`) to `static/ops/ops.js`, which draws it with the
  vendored Apache ECharts;
- as the `<table>` under the chart (`Chart.table`), the alternative for
  screen readers and for visitors without JavaScript;
- as CSV (`Chart.csv`), the download link next to it.

Kinds: "line" and "bar" (one x axis, one or more series; a series may carry
a `band` of (low, high) pairs drawn as a shaded interval), "heatmap" (x and
y categories, `values[y][x]`), "sankey" (`nodes`, `links` as (source,
target, value)) and "graph" (`nodes` with a group and size, `links`).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils.formats import number_format


@dataclass(frozen=True)
class Series:
    name: str
    data: Sequence[float | None]
    band: Sequence[tuple[float, float]] | None = None
    kind: str = ""  # "line", "bar" or "scatter"; the chart's kind when empty
    dashed: bool = False


@dataclass(frozen=True)
class Chart:
    """One chart: `chart_id` is unique on its page; labels are already translated."""

    chart_id: str
    title: str
    kind: str
    x: Sequence[Any] = ()
    series: Sequence[Series] = ()
    x_label: str = ""
    y_label: str = ""
    y: Sequence[Any] = ()  # heatmap rows
    values: Sequence[Sequence[float | None]] = ()  # heatmap cells, values[row][column]
    nodes: Sequence[dict[str, Any]] = ()  # sankey and graph
    links: Sequence[dict[str, Any]] = ()
    percent: bool = False  # values are shares in 0–1, shown as percentages
    empty_reason: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        if self.empty_reason:
            return True
        if self.kind in ("sankey", "graph"):
            return not self.nodes
        if self.kind == "heatmap":
            return not self.values
        return not self.x or not any(
            any(v is not None for v in series.data) for series in self.series
        )

    # --- the three forms ---------------------------------------------------
    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.chart_id,
            "title": self.title,
            "kind": self.kind,
            "x": [_plain(v) for v in self.x],
            "y": [_plain(v) for v in self.y],
            "xLabel": self.x_label,
            "yLabel": self.y_label,
            "percent": self.percent,
            "series": [
                {
                    "name": s.name,
                    "kind": s.kind or self.kind,
                    "data": [_plain(v) for v in s.data],
                    "band": [[_plain(lo), _plain(hi)] for lo, hi in s.band] if s.band else None,
                    "dashed": s.dashed,
                }
                for s in self.series
            ],
            "values": [[_plain(v) for v in row] for row in self.values],
            "nodes": list(self.nodes),
            "links": list(self.links),
            "empty": self.is_empty,
            "emptyReason": self.empty_reason,
        }

    def rows(self) -> tuple[list[str], list[list[Any]]]:
        """Head and raw rows of the table form (numbers unformatted)."""
        if self.kind == "heatmap":
            head = [self.y_label, *[str(x) for x in self.x]]
            return head, [[y, *row] for y, row in zip(self.y, self.values, strict=False)]
        if self.kind == "sankey":
            names = {node["id"]: node["name"] for node in self.nodes}
            head = [self.extra.get("source_label", ""), self.extra.get("target_label", ""), ""]
            head[2] = self.y_label
            return head, [
                [names[link["source"]], names[link["target"]], link["value"]] for link in self.links
            ]
        if self.kind == "graph":
            head = list(self.extra.get("node_head", ["", ""]))
            return head, [list(node.get("row", [node["name"]])) for node in self.nodes]
        head = [self.x_label]
        for s in self.series:
            head.append(s.name)
            if s.band:
                head.extend([f"{s.name} (low)", f"{s.name} (high)"])
        rows = []
        for index, x in enumerate(self.x):
            row: list[Any] = [x]
            for s in self.series:
                row.append(s.data[index] if index < len(s.data) else None)
                if s.band:
                    low, high = s.band[index] if index < len(s.band) else (None, None)
                    row.extend([low, high])
            rows.append(row)
        return head, rows

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The table form with numbers formatted for the active locale."""
        head, rows = self.rows()
        return head, [[self.format(v) for v in row] for row in rows]

    def format(self, value: Any) -> str:
        return format_value(value, percent=self.percent)

    def csv(self, filename: str) -> HttpResponse:
        head, rows = self.rows()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(head)
        for row in rows:
            writer.writerow(["" if v is None else _plain(v) for v in row])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response


def format_value(value: Any, *, percent: bool = False, digits: int = 3) -> str:
    """A number for people: locale separators, 3 significant digits, a dash for missing."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if percent:
        return number_format(100 * value, decimal_pos=1, use_l10n=True) + "%"
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 1:
        return number_format(int(round(value)), use_l10n=True, force_grouping=True)
    magnitude = math.floor(math.log10(abs(value))) if value else 0
    decimals = max(0, digits - 1 - magnitude)
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True)


def _plain(value: Any) -> Any:
    """JSON-safe: non-finite floats become null, NumPy scalars plain numbers."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
