from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.analytics import demo, frames
from deepcommons.analytics.report import ReportData, build_report, build_sections


@pytest.mark.slow
def test_report_runs_every_model_on_the_demo_history(db: None, tmp_path: Path, capsys) -> None:
    for i in range(24):
        UserFactory(preferred_language="zh-hans" if i % 2 else "en")
    demo.build(io.StringIO())
    out = tmp_path / "report.html"

    call_command("analytics", "report", "--out", str(out))

    page = out.read_text()
    for heading in (
        "Growth",
        "RFM segments",
        "Activity clusters",
        "Cohort retention",
        "Churn risk (BG/NBD)",
        "Content diffusion",
        "Social network",
    ):
        assert f"<h2>{heading}</h2>" in page
    assert page.count('<img src="data:image/png;base64,') >= 8
    assert "Not enough data" not in page
    assert "http" not in page.split("<body>")[1]  # self-contained: nothing to fetch
    printed = capsys.readouterr().out
    assert "8/8" in printed and "Wrote" in printed
    # The demo's posts spread among ~24 people over a few weeks: too little to identify
    # a Bass or SIR fit. No absurd number may appear as a result (the raw fits gave
    # m = 4e8 and R0 = 1e8 on this kind of data); each shown value is plausible.
    events = frames.load_events()
    data = ReportData(
        events=events,
        users=frames.load_users(),
        follow_edges=frames.follow_edges(events),
        interaction_edges=frames.interaction_edges(events),
        now=pd.Timestamp.now(tz="UTC"),
    )
    (diffusion,) = [s for s in build_sections(data) if s.partial == "diffusion"]
    head = diffusion.body.fits.head[1:]  # the first heading is the index's
    population = events["user_id"].nunique()
    for row in diffusion.body.fits.rows:
        cells = dict(zip(head, row.cells, strict=True))
        for name, limit in (("Bass m", population), ("R0", 100)):
            assert cells[name] == "–" or float(cells[name]) <= limit, (row.label, cells)
    flagged = {(d.post, d.model) for d in diffusion.body.doubts}
    for row in diffusion.body.fits.rows:
        cells = dict(zip(head, row.cells, strict=True))
        assert (cells["Bass p"] == "not identifiable") == ((row.label, "Bass") in flagged)
        assert (cells["SIR β"] == "not identifiable") == ((row.label, "SIR") in flagged)
    if flagged:
        assert "Fits the data cannot support" in page and "not identifiable" in page


def test_report_without_events_is_a_clear_error(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no activity events"):
        call_command("analytics", "report", "--out", str(tmp_path / "r.html"))


@pytest.mark.slow
def test_a_section_that_cannot_be_fitted_says_why_instead_of_failing(db: None) -> None:
    now = pd.Timestamp("2025-01-10", tz="UTC")
    events = pd.DataFrame(
        {
            "user_id": [1, 2, 1],
            "kind": ["visit", "visit", "search"],
            "timestamp": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-05"], utc=True),
            "target_user_id": pd.array([None, None, None], dtype="Int64"),
            "object_type": ["", "", ""],
            "object_id": pd.array([None, None, None], dtype="Int64"),
            "value": [1.0, 1.0, 1.0],
        }
    )
    data = ReportData(
        events=events,
        users=pd.DataFrame({"user_id": [1, 2], "username": ["ann", "bob"]}),
        follow_edges=frames.follow_edges(events),
        interaction_edges=frames.interaction_edges(events),
        now=now,
    )
    steps: list[str] = []
    page = build_report(data, progress=lambda done, total, label: steps.append(label))
    assert "Not enough data for this section" in page
    assert "no follows or interactions between members yet" in page
    assert len(steps) == 9


@pytest.mark.slow
def test_names_and_labels_from_the_data_come_out_escaped(db: None) -> None:
    """A username and a content label that are HTML reach the page as text, in table cells
    and in attributes alike, and the page's own markup is untouched."""
    hostile = "<script>alert(1)</script>"
    label = '"><img src=x onerror=alert(2)>.post'
    rows = []
    for day in range(12):
        for who, target in ((1, 2), (2, 3), (3, 1), (1, 3)):
            rows.append((who, "comment", f"2025-01-{day + 1:02d}", target, label, 7))
    user, kind, stamp, target, object_type, object_id = zip(*rows, strict=True)
    events = pd.DataFrame(
        {
            "user_id": list(user),
            "kind": list(kind),
            "timestamp": pd.to_datetime(list(stamp), utc=True),
            "target_user_id": pd.array(list(target), dtype="Int64"),
            "object_type": list(object_type),
            "object_id": pd.array(list(object_id), dtype="Int64"),
            "value": 1.0,
        }
    )
    data = ReportData(
        events=events,
        users=pd.DataFrame({"user_id": [1, 2, 3], "username": [hostile, "bob", "eve"]}),
        follow_edges=frames.follow_edges(events),
        interaction_edges=frames.interaction_edges(events),
        now=pd.Timestamp("2025-01-20", tz="UTC"),
    )

    page = build_report(data)

    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;.post #7" in page
    assert page.count("<section>") == 8 and page.count("</section>") == 8
