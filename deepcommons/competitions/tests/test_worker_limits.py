"""Hostile files in the isolated scorer: refused or stopped by a limit, never a hang or crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from deepcommons.competitions.scoring import Metric, Spec
from deepcommons.competitions.worker import run_isolated

SPEC = Spec(id_column="id", prediction_columns=("y",), metric=Metric.RMSE, seed="s").as_dict()


@pytest.fixture
def solution(tmp_path: Path) -> Path:
    path = tmp_path / "solution.csv"
    path.write_text("id,y\n" + "".join(f"{i},{i}\n" for i in range(100)))
    return path


def _score(solution: Path, submission: Path, **limits: float) -> dict:
    return run_isolated(
        {"mode": "score", "solution": str(solution), "submission": str(submission), "spec": SPEC},
        **limits,  # type: ignore[arg-type]
    )


def test_a_clean_file_scores_in_the_worker(solution: Path, tmp_path: Path) -> None:
    submission = tmp_path / "ok.csv"
    submission.write_text("id,y\n" + "".join(f"{i},{i + 1}\n" for i in range(100)))
    answer = _score(solution, submission)
    assert answer["ok"] and answer["public"] == pytest.approx(1.0)


def test_a_50_mb_single_line_is_refused_at_the_header(solution: Path, tmp_path: Path) -> None:
    submission = tmp_path / "line.csv"
    submission.write_bytes(b"id," * (50 * 1024 * 1024 // 3))
    answer = _score(solution, submission)
    assert (answer["ok"], answer["code"]) == (False, "header_too_long")


def test_a_row_with_a_million_fields_is_malformed(solution: Path, tmp_path: Path) -> None:
    submission = tmp_path / "fields.csv"
    submission.write_bytes(b"id,y\n0,1\n1," + b"1," * 1_000_000 + b"1\n")
    answer = _score(solution, submission)
    assert (answer["ok"], answer["code"]) == (False, "malformed")


def test_a_50_mb_field_is_refused(solution: Path, tmp_path: Path) -> None:
    submission = tmp_path / "field.csv"
    submission.write_bytes(b"id,y\n0," + b"7" * (50 * 1024 * 1024) + b"\n")
    answer = _score(solution, submission)
    assert answer["ok"] is False
    assert answer["code"] in {"non_numeric", "malformed"}


def test_the_memory_limit_stops_the_child_not_the_caller(solution: Path, tmp_path: Path) -> None:
    # Half a million rows (8 MB) under a cap far below what the child already
    # maps: reading and parsing them needs fresh memory, which it cannot get.
    submission = tmp_path / "big.csv"
    submission.write_text("id,y\n" + "".join(f"{i},{i}.5\n" for i in range(500_000)))
    answer = _score(solution, submission, memory_bytes=64 * 1024 * 1024)
    assert (answer["ok"], answer["code"]) == (False, "memory")


def test_the_time_limit_stops_a_slow_child(solution: Path, tmp_path: Path) -> None:
    submission = tmp_path / "big.csv"
    submission.write_text("id,y\n" + "".join(f"{i},{i}\n" for i in range(100)))
    answer = _score(solution, submission, timeout=0.001)
    assert (answer["ok"], answer["code"]) == (False, "timeout")
