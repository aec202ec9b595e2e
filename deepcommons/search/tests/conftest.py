"""Fixtures for the semantic search tests (marker `semantic`)."""

from __future__ import annotations

from typing import Any

import pytest

from deepcommons.search import semantic


@pytest.fixture(scope="session")
def semantic_model() -> Any:
    """The sentence model, loaded once per test process."""
    return semantic.get_model()


@pytest.fixture
def semantic_on(settings: Any, semantic_model: Any) -> None:
    """SEARCH_SEMANTIC on (it is off under pytest)."""
    settings.SEARCH_SEMANTIC = True
