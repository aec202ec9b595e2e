"""Every metric against scikit-learn (or a hand computation for MAP@k) on fixed data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics

from deepcommons.competitions.scoring import (
    Metric,
    Spec,
    average_precision_at_k,
    mean_average_precision_at_k,
    metric_function,
)

RNG = np.random.default_rng(7)
N = 200
BINARY = RNG.integers(0, 2, N)
PROBS = np.clip(BINARY * 0.6 + RNG.random(N) * 0.4, 0.01, 0.99)
VALUES = RNG.normal(10, 3, N)
GUESSES = VALUES + RNG.normal(0, 1, N)
LABELS = np.array(["体育", "财经", "科技"])[RNG.integers(0, 3, N)]
GUESSED_LABELS = np.where(RNG.random(N) < 0.7, LABELS, "科技")


def frame(values: np.ndarray, columns: tuple[str, ...] = ("y",)) -> pd.DataFrame:
    data = values.reshape(len(values), -1)
    return pd.DataFrame(data, columns=list(columns))


def score(
    metric: str, truth: np.ndarray, guess: np.ndarray, columns: tuple[str, ...] = ("y",)
) -> float:
    spec = Spec(id_column="id", prediction_columns=columns, metric=metric, k=3)
    return metric_function(spec)(frame(truth, columns), frame(guess, columns))


def test_accuracy_matches_scikit_learn() -> None:
    assert score(Metric.ACCURACY, LABELS, GUESSED_LABELS) == pytest.approx(
        metrics.accuracy_score(LABELS, GUESSED_LABELS)
    )


def test_macro_f1_matches_scikit_learn() -> None:
    expected = metrics.f1_score(LABELS, GUESSED_LABELS, average="macro")
    assert score(Metric.MACRO_F1, LABELS, GUESSED_LABELS) == pytest.approx(expected)
    assert 0.3 < expected < 1


def test_binary_log_loss_matches_scikit_learn() -> None:
    assert score(Metric.LOG_LOSS, BINARY.astype(float), PROBS) == pytest.approx(
        metrics.log_loss(BINARY, PROBS)
    )


def test_multiclass_log_loss_takes_one_column_per_class() -> None:
    onehot = np.eye(3)[RNG.integers(0, 3, N)]
    probs = RNG.dirichlet([1, 1, 1], N)
    columns = ("a", "b", "c")
    assert score(Metric.LOG_LOSS, onehot, probs, columns) == pytest.approx(
        metrics.log_loss(onehot.argmax(axis=1), probs, labels=[0, 1, 2])
    )


def test_roc_auc_matches_scikit_learn() -> None:
    assert score(Metric.ROC_AUC, BINARY.astype(float), PROBS) == pytest.approx(
        metrics.roc_auc_score(BINARY, PROBS)
    )


def test_rmse_matches_scikit_learn() -> None:
    expected = np.sqrt(metrics.mean_squared_error(VALUES, GUESSES))
    assert score(Metric.RMSE, VALUES, GUESSES) == pytest.approx(expected)


def test_mae_matches_scikit_learn() -> None:
    assert score(Metric.MAE, VALUES, GUESSES) == pytest.approx(
        metrics.mean_absolute_error(VALUES, GUESSES)
    )


def test_average_precision_at_k_by_hand() -> None:
    # Relevant {a, c}; predicted a, b, c: hits at ranks 1 and 3,
    # precision 1/1 and 2/3, divided by min(2, 3) = 2.
    assert average_precision_at_k(["a", "c"], ["a", "b", "c"], 3) == pytest.approx((1 + 2 / 3) / 2)
    # A repeated label counts once; nothing relevant in the top k scores 0.
    assert average_precision_at_k(["a"], ["a", "a", "a"], 3) == pytest.approx(1.0)
    assert average_precision_at_k(["z"], ["a", "b", "c", "z"], 3) == 0.0
    # Only the first k predictions count, and the divisor is capped at k.
    assert average_precision_at_k(["a", "b", "c", "d"], ["b", "x"], 2) == pytest.approx(1 / 2)


def test_map_at_k_is_the_mean_over_rows() -> None:
    actual = [["a", "c"], ["z"], ["a"]]
    predicted = [["a", "b", "c"], ["a", "b", "c"], ["b", "a"]]
    # Rows: 5/6, 0, 1/2 → mean 4/9.
    assert mean_average_precision_at_k(actual, predicted, 3) == pytest.approx(4 / 9)
    truth = np.array(["a c", "z", "a"])
    guess = np.array(["a b c", "a b c", "b a"])
    assert score(Metric.MAP_AT_K, truth, guess) == pytest.approx(4 / 9)
