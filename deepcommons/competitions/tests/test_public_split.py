"""The public/private split: fixed by id and seed, and public scores never read private rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from deepcommons.competitions.scoring import Metric, Spec, public_mask, score_files

IDS = [f"row-{i}" for i in range(2000)]


def test_the_split_depends_only_on_the_id_and_seed() -> None:
    mask = public_mask(pd.Index(IDS), seed="abc", percent=30)
    shuffled = list(reversed(IDS))
    again = public_mask(pd.Index(shuffled), seed="abc", percent=30)
    assert dict(zip(IDS, mask, strict=True)) == dict(zip(shuffled, again, strict=True))
    # About 30 % public, and another seed gives another split.
    assert 0.25 < mask.mean() < 0.35
    other = public_mask(pd.Index(IDS), seed="xyz", percent=30)
    assert (mask != other).any()


def test_the_split_is_pinned_for_known_ids() -> None:
    # Stable across runs and machines: a keyed SipHash of the id's text.
    mask = public_mask(pd.Index(["1", "2", "3", "4", "5", "6", "7", "8"]), seed="demo", percent=50)
    assert (
        mask.tolist()
        == public_mask(
            np.array(["1", "2", "3", "4", "5", "6", "7", "8"], dtype=object),
            seed="demo",
            percent=50,
        ).tolist()
    )
    assert mask.dtype == bool


def _csv(ids: list[str], values: np.ndarray) -> bytes:
    return ("id,y\n" + "\n".join(f"{i},{v}" for i, v in zip(ids, values, strict=True))).encode()


def test_changing_only_private_rows_leaves_the_public_score() -> None:
    spec = Spec(
        id_column="id", prediction_columns=("y",), metric=Metric.RMSE, seed="s1", public_percent=30
    )
    rng = np.random.default_rng(3)
    truth = rng.normal(size=len(IDS))
    guess = truth + rng.normal(scale=0.5, size=len(IDS))
    solution = _csv(IDS, truth)
    first = score_files(solution, _csv(IDS, guess), spec)
    private = ~public_mask(pd.Index(IDS), seed="s1", percent=30)
    changed = guess.copy()
    changed[private] += 100.0
    second = score_files(solution, _csv(IDS, changed), spec)
    assert second["public"] == first["public"]
    assert second["private"] > first["private"] + 50


def test_scoring_the_same_file_twice_gives_the_same_scores() -> None:
    spec = Spec(id_column="id", prediction_columns=("y",), metric=Metric.MAE, seed="s2")
    truth = np.arange(len(IDS), dtype=float)
    solution, submission = _csv(IDS, truth), _csv(IDS, truth * 1.01)
    assert score_files(solution, submission, spec) == score_files(solution, submission, spec)
