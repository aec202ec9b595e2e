"""Fixtures for the semantic search tests (marker `semantic`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from deepcommons.search import semantic


@pytest.fixture(scope="session")
def semantic_model() -> Any:
    """The sentence model, loaded once per test process."""
    return semantic.get_model()


@pytest.fixture
def semantic_on(settings: Any, semantic_model: Any) -> Iterator[None]:
    """SEARCH_SEMANTIC on (it is off under pytest), with no vectors cached from
    an earlier test: test databases reuse post ids."""
    settings.SEARCH_SEMANTIC = True
    semantic.forget_index()
    yield
    semantic.forget_index()
