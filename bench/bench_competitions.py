"""Scoring a competition submission at the issue's size: 1,000,000 rows.

For each metric kind (a number scored by RMSE, a label scored by macro-F1)
it writes a solution and a submission of COMP_BENCH_ROWS rows (default
1,000,000), prepares the solution as a host's upload does (parsed once in
the scoring worker and cached), then times `worker.run_isolated` — the
forked child under RLIMIT_AS, RLIMIT_CPU and a timeout, exactly as the
scoring task runs it — three times and prints the median, against the
issue's limit (5 s) and as a ratio to a baseline measured in the same
run: a bare `pandas.read_csv` of the same submission file in this process.
Exits 1 if a median passes the limit.

    .venv/bin/python bench/bench_competitions.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from deepcommons.competitions.scoring import Metric, Spec  # noqa: E402
from deepcommons.competitions.worker import run_isolated  # noqa: E402

LIMIT_SECONDS = 5.0
ROWS = int(os.environ.get("COMP_BENCH_ROWS", 1_000_000))
LABELS = np.array(["体育", "财经", "科技", "娱乐"])


def _write(tmp: Path, metric: str) -> tuple[Path, Path, Spec]:
    rng = np.random.default_rng(0)
    ids = np.char.add("r", np.arange(ROWS).astype(str))
    if metric == Metric.RMSE:
        truth = rng.normal(100, 20, ROWS)
        guess = truth + rng.normal(0, 5, ROWS)
        column = "price"
    else:
        truth = LABELS[rng.integers(0, 4, ROWS)]
        guess = np.where(rng.random(ROWS) < 0.8, truth, LABELS[rng.integers(0, 4, ROWS)])
        column = "label"
    solution, submission = tmp / f"{metric}-solution.csv", tmp / f"{metric}-submission.csv"
    pd.DataFrame({"id": ids, column: truth}).to_csv(solution, index=False)
    order = rng.permutation(ROWS)  # a submission's rows come in any order
    pd.DataFrame({"id": ids[order], column: guess[order]}).to_csv(submission, index=False)
    spec = Spec(
        id_column="id", prediction_columns=(column,), metric=metric, seed="bench", public_percent=30
    )
    return solution, submission, spec


def _bench(tmp: Path, metric: str) -> bool:
    solution, submission, spec = _write(tmp, metric)
    cache = tmp / f"{metric}.pkl"
    started = time.perf_counter()
    prepared = run_isolated(
        {"mode": "solution", "solution": str(solution), "cache": str(cache), "spec": spec.as_dict()}
    )
    prepare_s = time.perf_counter() - started
    assert prepared["ok"], prepared
    baseline, scored = [], []
    for _ in range(3):
        started = time.perf_counter()
        pd.read_csv(submission)
        baseline.append(time.perf_counter() - started)
        started = time.perf_counter()
        answer = run_isolated(
            {
                "mode": "score",
                "solution": str(solution),
                "submission": str(submission),
                "cache": str(cache),
                "spec": spec.as_dict(),
            }
        )
        scored.append(time.perf_counter() - started)
        assert answer["ok"], answer
    base, score = statistics.median(baseline), statistics.median(scored)
    size_mb = submission.stat().st_size / 1e6
    print(
        f"score {ROWS:,} rows ({metric}, {size_mb:.0f} MB, isolated): {score:.2f} s median "
        f"(limit {LIMIT_SECONDS:g} s) · baseline read_csv {base:.2f} s · "
        f"ratio {score / base:.1f}× · "
        f"public {answer['public']:.4f} private {answer['private']:.4f} · "
        f"solution prepared once in {prepare_s:.2f} s",
        flush=True,
    )
    return score <= LIMIT_SECONDS


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="dc-comp-bench-") as tmp:
        # Start the fork server first: a one-off cost per worker process.
        started = time.perf_counter()
        warm = Path(tmp) / "warm.csv"
        warm.write_text("id,y\n1,1\n")
        run_isolated(
            {
                "mode": "solution",
                "solution": str(warm),
                "spec": Spec(
                    id_column="id", prediction_columns=("y",), metric=Metric.RMSE
                ).as_dict(),
            }
        )
        elapsed = time.perf_counter() - started
        print(f"scoring fork server started in {elapsed:.2f} s (once per worker)")
        results = [_bench(Path(tmp), metric) for metric in (Metric.RMSE, Metric.MACRO_F1)]
    if not all(results):
        print(f"FAILED: a median passed {LIMIT_SECONDS:g} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
