"""Imported by the scoring fork server: runs each metric once on a tiny file, so
the lazy imports inside pandas and scikit-learn happen once in the server and
not again in every forked child."""

from __future__ import annotations

import contextlib
import gc

from deepcommons.competitions.scoring import Metric, Spec, SubmissionError, score_files


def _warm() -> None:
    rows = "".join(f"{i},{i % 2}\n" for i in range(20))
    data = f"id,y\n{rows}".encode()
    for metric in (
        Metric.ACCURACY,
        Metric.MACRO_F1,
        Metric.LOG_LOSS,
        Metric.ROC_AUC,
        Metric.RMSE,
        Metric.MAE,
        Metric.MAP_AT_K,
    ):
        spec = Spec(
            id_column="id", prediction_columns=("y",), metric=metric, seed="warm", public_percent=50
        )
        with contextlib.suppress(SubmissionError):
            score_files(data, data, spec)


_warm()
# Keep the server's objects out of the children's collections: a collection
# in a child would touch (and copy) every page the server holds.
gc.collect()
gc.freeze()
