"""The in-memory vectors and the blend formula, on made-up vectors (no model needed)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_post
from deepcommons.search import semantic
from deepcommons.search.models import QuestionEmbedding


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(semantic.DIMENSIONS, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def test_blend_weighs_cosine_and_lexical_rank() -> None:
    # score = 0.7·cosine + 0.3/(1 + lexical rank)
    ranked = semantic.blend(
        lexical_ids=[1, 2, 3],
        cosines={1: 0.1, 2: 0.9, 3: 0.5},
        neighbours={2: 0.9, 4: 0.8, 5: 0.2},
    )
    # 2: 0.63 + 0.15 = 0.78; 4: 0.56; 3: 0.35 + 0.1 = 0.45; 1: 0.07 + 0.3 = 0.37;
    # 5 is below MIN_COSINE and no lexical match.
    assert ranked == [2, 4, 3, 1]


def test_blend_counts_a_lexical_match_without_a_vector_by_its_rank() -> None:
    assert semantic.blend(lexical_ids=[7, 8], cosines={8: 0.3}, neighbours={}) == [8, 7]
    assert semantic.blend(lexical_ids=[7, 8], cosines={}, neighbours={}) == [7, 8]


def test_only_text_that_is_mostly_not_cjk_is_embedded() -> None:
    assert semantic.can_embed("Loss becomes NaN with fp16")
    assert semantic.can_embed("Tokenising 中文 text with a BERT vocabulary: which tokenizer?")
    assert not semantic.can_embed("PyTorch 训练时显存不足")
    assert not semantic.can_embed("ディープラーニング入門")
    assert semantic.can_embed("")


def test_nearest_returns_the_closest_best_first_without_the_excluded_one() -> None:
    rows: list[tuple[int, bytes | memoryview]] = [
        (12, semantic.to_bytes(unit(0, 1))),
        (10, semantic.to_bytes(unit(1, 0))),
        (13, semantic.to_bytes(unit(-1, 0))),
        (11, semantic.to_bytes(unit(1, 1))),
    ]
    index = semantic.VectorIndex.from_rows(rows)
    assert index.ids.tolist() == [10, 11, 12, 13]
    found = index.nearest(unit(1, 0.1), k=3)
    assert list(found) == [10, 11, 12]
    assert found[10] == pytest.approx(0.995, abs=1e-3)
    assert list(index.nearest(unit(1, 0.1), k=2, exclude_id=10)) == [11, 12]
    assert index.cosines(unit(0, 1), [12, 13, 99]) == pytest.approx({12: 1.0, 13: 0.0})
    assert index.vector_of(99) is None
    assert np.array_equal(index.vector_of(12), unit(0, 1))  # type: ignore[arg-type]


def test_updated_replaces_and_adds_vectors_and_leaves_the_old_index_alone() -> None:
    def row(pk: int, vector: np.ndarray) -> tuple[int, bytes | memoryview]:
        return pk, semantic.to_bytes(vector)

    index = semantic.VectorIndex.from_rows([row(10, unit(1, 0)), row(20, unit(0, 1))])
    new = index.updated([row(20, unit(1, 1)), row(15, unit(-1, 0))], newest=None)
    assert new.ids.tolist() == [10, 15, 20]
    assert np.array_equal(new.vector_of(20), unit(1, 1))  # type: ignore[arg-type]
    assert np.array_equal(new.vector_of(15), unit(-1, 0))  # type: ignore[arg-type]
    assert np.array_equal(index.vector_of(20), unit(0, 1))  # type: ignore[arg-type]
    assert index.keeping(np.array([10, 20])) is index
    assert new.keeping(np.array([15])).ids.tolist() == [15]


@pytest.fixture
def fresh_index() -> Iterator[None]:
    semantic.forget_index()
    yield
    semantic.forget_index()


def store(post: Post, vector: np.ndarray) -> None:
    QuestionEmbedding.objects.update_or_create(
        post=post,
        defaults={"vector": semantic.to_bytes(vector), "model": semantic.MODEL_NAME},
    )


@pytest.mark.django_db
def test_the_index_follows_the_table(
    fresh_index: None, django_assert_num_queries: Callable[..., Any]
) -> None:
    first, second, third = (make_post(title=f"Question {n}") for n in range(3))
    store(first, unit(1, 0))
    store(second, unit(0, 1))
    with django_assert_num_queries(2):  # the newest stamp, then every row
        index = semantic.current_index()
    assert sorted(index.ids.tolist()) == [first.pk, second.pk]
    with django_assert_num_queries(0):  # asked again within REFRESH_SECONDS
        assert semantic.current_index() is index

    store(third, unit(1, 1))  # added
    store(first, unit(0, 1))  # changed
    semantic.vectors_changed()
    with django_assert_num_queries(3):  # the newest stamp, the recent rows, every id
        index = semantic.current_index()
    assert sorted(index.ids.tolist()) == [first.pk, second.pk, third.pk]
    assert np.array_equal(index.vector_of(first.pk), unit(0, 1))  # type: ignore[arg-type]

    QuestionEmbedding.objects.filter(post=second).delete()
    semantic.vectors_changed()
    with django_assert_num_queries(2):  # the newest stamp (unchanged), every id
        index = semantic.current_index()
    assert sorted(index.ids.tolist()) == [first.pk, third.pk]
    assert np.array_equal(index.vector_of(third.pk), unit(1, 1))  # type: ignore[arg-type]

    # Another model's vectors are never compared with this one's.
    QuestionEmbedding.objects.filter(post=third).update(model="another-model")
    semantic.vectors_changed()
    assert sorted(semantic.current_index().ids.tolist()) == [first.pk]


@pytest.mark.django_db
def test_other_processes_changes_are_seen_within_the_intervals(
    fresh_index: None,
    monkeypatch: pytest.MonkeyPatch,
    django_assert_num_queries: Callable[..., Any],
) -> None:
    first, second = make_post(title="First"), make_post(title="Second")
    store(first, unit(1, 0))
    semantic.current_index()
    store(second, unit(0, 1))  # as a worker process would: this one is not told
    with django_assert_num_queries(0):
        assert len(semantic.current_index()) == 1
    monkeypatch.setattr(semantic, "REFRESH_SECONDS", 0.0)
    assert len(semantic.current_index()) == 2

    QuestionEmbedding.objects.filter(post=first).delete()  # the worker again
    assert len(semantic.current_index()) == 2  # lingers until the next prune
    monkeypatch.setattr(semantic, "PRUNE_SECONDS", 0.0)
    assert semantic.current_index().ids.tolist() == [second.pk]
