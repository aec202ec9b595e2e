"""What the report's sections are made of: the input data, tables and charts.

Tables hold their cells already formatted as text and charts hold a PNG data
URI; the template escapes both like any other string, so nothing here is
marked safe.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


def _use_cjk_fallback_font() -> None:
    """Chart labels in Chinese need a CJK font after the default one, when one is installed.

    Matplotlib's font cache may predate the font's installation, so known
    Noto CJK files are registered directly.
    """
    import glob

    from matplotlib import font_manager

    names: list[str] = []
    for pattern in ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "wqy-zenhei.ttc"):
        for path in sorted(glob.glob(f"/usr/share/fonts/**/{pattern}", recursive=True))[:1]:
            font_manager.fontManager.addfont(path)
            faces = [f.name for f in font_manager.fontManager.ttflist if f.fname == path]
            names.append(next((face for face in faces if face.endswith(" SC")), faces[0]))
    if names:
        # Fallback happens within font.family itself, not within a generic family.
        matplotlib.rcParams["font.family"] = ["DejaVu Sans", *names]


_use_cjk_fallback_font()


@dataclass(frozen=True)
class ReportData:
    """The inputs: events (frames.EVENT_COLUMNS), users (user_id, username, …), edges."""

    events: pd.DataFrame
    users: pd.DataFrame
    follow_edges: pd.DataFrame
    interaction_edges: pd.DataFrame
    now: pd.Timestamp


@dataclass(frozen=True)
class Row:
    """One table row: `label` is its header cell (None in a table without an index)."""

    label: str | None
    cells: list[str]


@dataclass(frozen=True)
class Table:
    head: list[str]
    rows: list[Row]
    index: bool


@dataclass(frozen=True)
class Chart:
    """A rendered figure: `src` is a data: URI of the PNG, `alt` its description."""

    src: str
    alt: str


def table(frame: pd.DataFrame, *, floats: str = "{:.3g}", index: bool = True) -> Table:
    """A DataFrame as text cells: floats through `floats`, non-finite ones as a dash."""

    def cell(value: Any) -> str:
        if isinstance(value, float | np.floating):
            return floats.format(value) if np.isfinite(value) else "–"
        return str(value)

    head = ([str(frame.index.name or "")] if index else []) + [str(c) for c in frame.columns]
    rows = [
        Row(str(label) if index else None, [cell(v) for v in row.tolist()])
        for label, row in frame.iterrows()
    ]
    return Table(head=head, rows=rows, index=index)


def chart(fig: Figure, alt: str) -> Chart:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return Chart(src=f"data:image/png;base64,{data}", alt=alt)


def new_figure(width: float = 7.5, height: float = 3.6) -> tuple[Figure, Any]:
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


def days_since(stamps: pd.Series, origin: pd.Timestamp) -> np.ndarray:
    return ((stamps - origin) / pd.Timedelta(days=1)).to_numpy(float)


def usernames(data: ReportData) -> dict[Any, str]:
    return dict(zip(data.users["user_id"], data.users["username"], strict=False))
