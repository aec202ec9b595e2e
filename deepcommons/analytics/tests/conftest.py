from __future__ import annotations

from collections.abc import Iterator

import pytest
from threadpoolctl import threadpool_limits


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    # The suite runs one worker per core; OpenMP/BLAS threads on top of that
    # oversubscribe the cores and make scikit-learn's K-Means crawl.
    with threadpool_limits(1):
        yield
