"""Reading, checking and scoring prediction files: plain functions, no Django.

Kept as one module (past 400 lines) on purpose: it is the whole code the
sandboxed child imports, so its import surface stays one file with no app
imports.

The scoring worker (`competitions.worker`) runs these in a child process
under memory and time limits; tests and the benchmark call them directly.

A file is a CSV whose header is the id column followed by the prediction
columns (in any order). The solution has the same columns holding the true
values. Rows are split into a public and a private part by a keyed hash of
the id (`public_mask`), so the split depends only on the id and the
competition's seed: stable across runs, machines and file orders.

Messages are English; `SubmissionError.code` lets the web side show a
translated message with the same details.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

MAX_HEADER_BYTES = 64 * 1024
EXAMPLES = 5
MISSING_MARKERS = frozenset({"", "nan", "NaN", "NAN", "NA", "N/A", "null", "NULL", "None"})


class Metric:
    ACCURACY = "accuracy"
    MACRO_F1 = "macro_f1"
    LOG_LOSS = "log_loss"
    ROC_AUC = "roc_auc"
    RMSE = "rmse"
    MAE = "mae"
    MAP_AT_K = "map_at_k"


LOWER_IS_BETTER = frozenset({Metric.LOG_LOSS, Metric.RMSE, Metric.MAE})
# Metrics whose prediction cells are labels (text), not numbers.
LABEL_METRICS = frozenset({Metric.ACCURACY, Metric.MACRO_F1, Metric.MAP_AT_K})
SINGLE_COLUMN_METRICS = frozenset({Metric.ACCURACY, Metric.MACRO_F1, Metric.MAP_AT_K})


class SubmissionError(Exception):
    """A file that cannot be scored; `code` names the kind, `params` the details."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Spec:
    """What a competition expects: its columns, metric and split."""

    id_column: str
    prediction_columns: tuple[str, ...]
    metric: str
    k: int = 5
    seed: str = ""
    public_percent: int = 30

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Spec:
        return cls(
            id_column=data["id_column"],
            prediction_columns=tuple(data["prediction_columns"]),
            metric=data["metric"],
            k=int(data.get("k", 5)),
            seed=data.get("seed", ""),
            public_percent=int(data.get("public_percent", 30)),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id_column": self.id_column,
            "prediction_columns": list(self.prediction_columns),
            # Plain str: a Django TextChoices member would drag models into the child.
            "metric": str(self.metric),
            "k": self.k,
            "seed": self.seed,
            "public_percent": self.public_percent,
        }


def _examples(values: Any) -> str:
    items = [str(v) for v in list(values)[:EXAMPLES]]
    return ", ".join(items)


def _decode(data: bytes) -> None:
    """Refuse a file that is not UTF-8 (a BOM is allowed)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionError(
            "encoding",
            f"The file is not UTF-8 text (invalid byte at position {exc.start}). "
            "Save it as UTF-8 CSV.",
            position=exc.start,
        ) from None


def read_header(data: bytes) -> list[str]:
    """The header's column names; refuses a first line past MAX_HEADER_BYTES."""
    end = data.find(b"\n", 0, MAX_HEADER_BYTES + 1)
    if end == -1:
        if len(data) > MAX_HEADER_BYTES:
            raise SubmissionError(
                "header_too_long",
                f"The first line is longer than {MAX_HEADER_BYTES // 1024} KB; "
                "it must be a short header naming the columns.",
                limit_kb=MAX_HEADER_BYTES // 1024,
            )
        end = len(data)
    line = data[:end].decode("utf-8").lstrip("\ufeff").rstrip("\r")
    if not line.strip():
        raise SubmissionError("empty", "The file is empty: the first line must be the header.")
    return [name.strip() for name in next(csv.reader([line]))]


def check_columns(header: list[str], spec: Spec) -> None:
    expected = [spec.id_column, *spec.prediction_columns]
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    repeated = sorted({c for c in header if header.count(c) > 1})
    if missing or unknown or repeated:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if unknown:
            parts.append(f"unexpected {_examples(unknown)}")
        if repeated:
            parts.append(f"repeated {', '.join(repeated)}")
        raise SubmissionError(
            "columns",
            f"Wrong columns ({'; '.join(parts)}). The header must be: {','.join(expected)}.",
            expected=",".join(expected),
            found=_examples(header),
        )


def read_table(data: bytes, spec: Spec, *, max_rows: int, numeric: bool) -> pd.DataFrame:
    """Parse `data` into a frame indexed by id, each check failing with a clear message.

    At most `max_rows + 1` rows are parsed, so a file with millions of extra
    rows costs no more than one with a single extra row.
    """
    _decode(data)
    check_columns(read_header(data), spec)
    if numeric:
        fast = _read_numeric_fast(data, spec, max_rows=max_rows)
        if fast is not None:
            return fast
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            nrows=max_rows + 1,
            engine="c",
            encoding="utf-8",
            skip_blank_lines=True,
        )
    except pd.errors.ParserError as exc:
        raise SubmissionError(
            "malformed", f"The CSV is malformed: {str(exc).strip()[:200]}", detail=str(exc)[:200]
        ) from None
    except (ValueError, OverflowError) as exc:
        raise SubmissionError(
            "malformed", f"The CSV could not be read: {str(exc)[:200]}", detail=str(exc)[:200]
        ) from None
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    if len(frame) > max_rows:
        raise SubmissionError(
            "extra_rows",
            f"The file has more rows than the test set ({max_rows}).",
            expected=max_rows,
        )
    ids = frame[spec.id_column].str.strip()
    if (ids == "").any():
        row = int(np.flatnonzero((ids == "").to_numpy())[0]) + 2
        raise SubmissionError("empty_id", f"Row {row} has an empty id.", row=row)
    duplicated = ids[ids.duplicated()]
    if len(duplicated):
        unique = duplicated.unique()
        raise SubmissionError(
            "duplicate_ids",
            f"{len(unique)} ids appear more than once, e.g. {_examples(unique)}.",
            count=len(unique),
            examples=_examples(unique),
        )
    out = pd.DataFrame(index=pd.Index(ids.to_numpy(), name=spec.id_column))
    for column in spec.prediction_columns:
        cells = frame[column].str.strip()
        missing = cells.isin(MISSING_MARKERS).to_numpy()
        if missing.any():
            row = int(np.flatnonzero(missing)[0]) + 2
            raise SubmissionError(
                "nan",
                f"Column {column} has an empty or NaN value in row {row}.",
                column=column,
                row=row,
            )
        if numeric:
            values = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float)
            bad = ~np.isfinite(values)
            if bad.any():
                index = int(np.flatnonzero(bad)[0])
                value = str(cells.iloc[index])[:40]
                raise SubmissionError(
                    "non_numeric",
                    f"Column {column} must hold finite numbers; row {index + 2} has {value!r}.",
                    column=column,
                    row=index + 2,
                    value=value,
                )
            out[column] = values
        else:
            out[column] = cells.to_numpy()
    return out


def _read_numeric_fast(data: bytes, spec: Spec, *, max_rows: int) -> pd.DataFrame | None:
    """The common case of a clean numeric file, parsed straight to floats.

    None when anything is off (a bad cell, a ragged row, an empty id, a
    duplicate): the careful reader then finds the first problem and names it.
    """
    markers = sorted(MISSING_MARKERS)
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            dtype={spec.id_column: object, **dict.fromkeys(spec.prediction_columns, "float64")},
            keep_default_na=False,
            na_values=dict.fromkeys(spec.prediction_columns, markers),
            nrows=max_rows + 1,
            engine="c",
            encoding="utf-8",
            skipinitialspace=True,
        )
    except (ValueError, OverflowError, pd.errors.ParserError):
        return None
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    if len(frame) > max_rows:
        return None
    ids = frame[spec.id_column]
    values = frame[list(spec.prediction_columns)].to_numpy(dtype=float)
    # Duplicate ids are found by `align`, in the one hash lookup it does anyway.
    if not np.isfinite(values).all() or (ids == "").any():
        return None
    return pd.DataFrame(
        values,
        index=pd.Index(ids.to_numpy(), name=spec.id_column),
        columns=list(spec.prediction_columns),
    )


def align(submission: pd.DataFrame, solution: pd.DataFrame) -> pd.DataFrame:
    """The submission's rows in the solution's order; refuses missing or unknown ids.

    One hash lookup of the submission's ids in the solution's index finds
    unknown, repeated and missing ids at once.
    """
    positions = solution.index.get_indexer(submission.index)
    unknown_mask = positions < 0
    if unknown_mask.any():
        unknown = submission.index[unknown_mask]
        raise SubmissionError(
            "unknown_ids",
            f"{len(unknown)} ids are not in the test set, e.g. {_examples(unknown)}.",
            count=len(unknown),
            examples=_examples(unknown),
        )
    counts = np.bincount(positions, minlength=len(solution))
    if (counts > 1).any():
        repeated = solution.index[counts > 1]
        raise SubmissionError(
            "duplicate_ids",
            f"{len(repeated)} ids appear more than once, e.g. {_examples(repeated)}.",
            count=len(repeated),
            examples=_examples(repeated),
        )
    if len(positions) < len(solution):
        missing = solution.index[counts == 0]
        raise SubmissionError(
            "missing_ids",
            f"{len(missing)} ids of the test set are missing, e.g. {_examples(missing)}.",
            count=len(missing),
            examples=_examples(missing),
        )
    # Ids are unique on both sides and as many: `positions` is a permutation.
    order = np.empty(len(positions), dtype=np.intp)
    order[positions] = np.arange(len(positions))
    columns = list(submission.columns)
    return pd.DataFrame(
        {c: submission[c].to_numpy()[order] for c in columns}, index=solution.index, columns=columns
    )


def public_mask(ids: pd.Index | pd.Series | np.ndarray, *, seed: str, percent: int) -> np.ndarray:
    """True for the public rows: a keyed 64-bit hash of each id, mod 100, below `percent`.

    The hash (pandas' SipHash with a 16-byte key derived from `seed`) depends
    only on the id's text and the seed, not on the row's position.
    """
    key = hashlib.blake2b(seed.encode(), digest_size=8).hexdigest()
    hashed = pd.util.hash_pandas_object(
        pd.Series(np.asarray(ids, dtype=object)).astype(str), index=False, hash_key=key
    ).to_numpy()
    return (hashed % np.uint64(100)) < np.uint64(percent)


def average_precision_at_k(actual: list[str], predicted: list[str], k: int) -> float:
    """AP@k as Kaggle defines it: the mean of precision@i over the ranks i ≤ k
    that hold a new relevant label, divided by min(|actual|, k)."""
    if not actual:
        return 0.0
    relevant = set(actual)
    seen: set[str] = set()
    hits = 0
    total = 0.0
    for i, label in enumerate(predicted[:k], start=1):
        if label in relevant and label not in seen:
            hits += 1
            total += hits / i
        seen.add(label)
    return total / min(len(relevant), k)


def mean_average_precision_at_k(
    actual: list[list[str]], predicted: list[list[str]], k: int
) -> float:
    if not actual:
        return 0.0
    return float(
        np.mean([average_precision_at_k(a, p, k) for a, p in zip(actual, predicted, strict=True)])
    )


def _labels(values: np.ndarray) -> list[list[str]]:
    return [str(v).split() for v in values]


def _codes(truth: np.ndarray, guess: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Labels as integer codes over the union of both sides, so scikit-learn
    compares integers instead of sorting a million strings; the scores are
    the same (macro averages run over the same set of labels)."""
    codes, _uniques = pd.factorize(np.concatenate([truth, guess]).astype(object))
    return codes[: len(truth)], codes[len(truth) :]


def metric_function(spec: Spec) -> Callable[[pd.DataFrame, pd.DataFrame], float]:
    """score(truth, prediction) for the spec's metric (scikit-learn's implementations)."""
    from sklearn import metrics

    columns = list(spec.prediction_columns)

    def values(frame: pd.DataFrame) -> np.ndarray:
        array = frame[columns].to_numpy()
        return array[:, 0] if len(columns) == 1 else array

    if spec.metric == Metric.ACCURACY:
        return lambda t, p: float(metrics.accuracy_score(*_codes(values(t), values(p))))
    if spec.metric == Metric.MACRO_F1:
        return lambda t, p: float(
            metrics.f1_score(*_codes(values(t), values(p)), average="macro", zero_division=0)
        )
    if spec.metric == Metric.LOG_LOSS:
        if len(columns) == 1:
            return lambda t, p: float(
                metrics.log_loss(values(t).astype(int), values(p).astype(float), labels=[0, 1])
            )
        return lambda t, p: float(
            metrics.log_loss(
                values(t).argmax(axis=1), values(p).astype(float), labels=list(range(len(columns)))
            )
        )
    if spec.metric == Metric.ROC_AUC:
        return lambda t, p: float(metrics.roc_auc_score(values(t).astype(int), values(p)))
    if spec.metric == Metric.RMSE:
        return lambda t, p: float(metrics.root_mean_squared_error(values(t), values(p)))
    if spec.metric == Metric.MAE:
        return lambda t, p: float(metrics.mean_absolute_error(values(t), values(p)))
    if spec.metric == Metric.MAP_AT_K:
        return lambda t, p: mean_average_precision_at_k(
            _labels(values(t)), _labels(values(p)), spec.k
        )
    raise ValueError(f"unknown metric {spec.metric!r}")


def read_solution(data: bytes, spec: Spec, *, max_rows: int = 20_000_000) -> pd.DataFrame:
    return read_table(data, spec, max_rows=max_rows, numeric=spec.metric not in LABEL_METRICS)


def _safe(
    score: Callable[[pd.DataFrame, pd.DataFrame], float], t: pd.DataFrame, p: pd.DataFrame
) -> float | None:
    if len(t) == 0:
        return None
    try:
        value = score(t, p)
    except ValueError as exc:
        raise SubmissionError(
            "unscorable",
            f"The predictions could not be scored: {str(exc)[:200]}",
            detail=str(exc)[:200],
        ) from None
    return value if np.isfinite(value) else None


def prepare_solution(solution_bytes: bytes, spec: Spec) -> tuple[pd.DataFrame, np.ndarray]:
    """The parsed solution and its public mask (what scoring needs from the host's file)."""
    solution = read_solution(solution_bytes, spec)
    return solution, public_mask(solution.index, seed=spec.seed, percent=spec.public_percent)


def score_prepared(
    solution: pd.DataFrame, mask: np.ndarray, submission_bytes: bytes, spec: Spec
) -> dict[str, Any]:
    """Check a submission against a prepared solution and score both parts.

    Returns {"public": float | None, "private": float | None, "rows": int};
    raises SubmissionError for a file that cannot be scored.
    """
    submission = read_table(
        submission_bytes, spec, max_rows=len(solution), numeric=spec.metric not in LABEL_METRICS
    )
    predictions = align(submission, solution)
    score = metric_function(spec)
    return {
        "public": _safe(score, solution[mask], predictions[mask]),
        "private": _safe(score, solution[~mask], predictions[~mask]),
        "rows": len(solution),
    }


def score_files(solution_bytes: bytes, submission_bytes: bytes, spec: Spec) -> dict[str, Any]:
    """`score_prepared` straight from the two files' bytes."""
    solution, mask = prepare_solution(solution_bytes, spec)
    return score_prepared(solution, mask, submission_bytes, spec)
