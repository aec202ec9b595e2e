"""The sentence model itself: real all-MiniLM-L6-v2 from the installed package."""

from __future__ import annotations

import socket
from typing import Any

import numpy as np
import pytest

from deepcommons.search import semantic

pytestmark = pytest.mark.semantic


def test_embed_gives_unit_float32_vectors_of_384_values(semantic_model: Any) -> None:
    vectors = semantic.embed(["Loss becomes NaN with fp16", "显存不足怎么办", "x" * 5000])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert semantic.embed([]).shape == (0, 384)


def test_similar_questions_are_closer_than_unrelated_ones(semantic_model: Any) -> None:
    query, paraphrase, unrelated = semantic.embed(
        [
            "How do I stop my model from memorising the training set?",
            "Reducing overfitting in neural networks",
            "Which laptop has the best battery life?",
        ]
    )
    assert query @ paraphrase > 0.35
    assert query @ unrelated < 0.15
    assert query @ paraphrase > query @ unrelated + 0.25


def test_the_same_text_gives_the_same_vector(semantic_model: Any) -> None:
    first = semantic.embed(["Gradient accumulation with DDP"])[0]
    batch = semantic.embed(["Other text", "Gradient accumulation with DDP"])[1]
    np.testing.assert_allclose(first, batch, atol=1e-5)


def test_vectors_round_trip_through_bytes(semantic_model: Any) -> None:
    vector = semantic.embed(["Warmup steps with AdamW"])[0]
    data = semantic.to_bytes(vector)
    assert len(data) == 384 * 4
    assert np.array_equal(semantic.from_bytes(data), vector)
    assert np.array_equal(semantic.from_bytes(memoryview(data)), vector)  # PostgreSQL's type
    with pytest.raises(ValueError):
        semantic.from_bytes(data[:-4])


def test_the_model_is_loaded_once_per_process(semantic_model: Any) -> None:
    assert semantic.get_model() is semantic_model


def test_loading_the_model_needs_no_network(
    semantic_model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network connection attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    model = semantic._load_model()
    vector = model.encode(["offline"], normalize_embeddings=True)[0]
    assert vector.shape == (384,)
