"""Semantic similar questions: encode and backfill time, and similar-question latency.

    .venv/bin/python bench/bench_semantic.py --questions 10000 --vectors 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/bench_semantic.py --questions 10000

Needs the semantic extra (`make semantic`). Seeds a temporary database (as
bench_search does) with `--questions` synthetic English questions, indexes
them, and backfills their embeddings with the real model (the
`rebuild_search_index` path), timing it. Then pads the embeddings table with
random unit vectors up to `--vectors` rows (real encoding of 100,000
questions would take most of an hour here) and times 200 similar-question
lookups, blended and lexical alone in the same run, plus the parts: reading
every vector, the refresh queries, encoding one title, the dot products.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_search import pct, setup_database  # noqa: E402

SUBJECTS = [
    "the training loss",
    "validation accuracy",
    "my transformer",
    "the GPU",
    "AdamW",
    "batch normalization",
    "the tokenizer",
    "the data loader",
    "the learning rate schedule",
    "attention weights",
    "gradient norms",
    "the checkpoint",
    "inference latency",
    "the embedding layer",
    "my dataset",
    "the diffusion sampler",
    "the reward model",
    "LoRA adapters",
    "mixed precision",
    "the ONNX export",
]
PROBLEMS = [
    "is unstable",
    "does not improve",
    "is very slow",
    "gives wrong results",
    "crashes",
    "behaves differently",
    "runs out of memory",
    "diverges",
    "stops improving",
    "changes between runs",
]
CONTEXTS = [
    "with PyTorch",
    "in TensorFlow",
    "on a TPU",
    "with fp16",
    "after fine-tuning",
    "for image classification",
    "with long sequences",
    "during evaluation",
    "on several nodes",
    "with a small dataset",
    "in JAX",
    "after resuming",
]


def title(rng: random.Random) -> str:
    return f"Why {rng.choice(SUBJECTS)} {rng.choice(PROBLEMS)} {rng.choice(CONTEXTS)}"


def seed(count: int, rng: random.Random) -> None:
    from deepcommons.accounts.models import User
    from deepcommons.posts.models import Post

    users = User.objects.bulk_create(
        [User(username=f"user{n}", email=f"user{n}@example.com") for n in range(100)]
    )
    for start in range(0, count, 2000):
        Post.objects.bulk_create(
            Post(
                kind="question",
                author=rng.choice(users),
                title=title(rng),
                body=f"{title(rng)}. I tried {rng.choice(SUBJECTS)} {rng.choice(CONTEXTS)}.",
            )
            for _ in range(min(2000, count - start))
        )


def pad_vectors(total: int, rng: random.Random) -> None:
    """Random unit vectors for made-up questions, up to `total` rows."""
    import numpy as np

    from deepcommons.posts.models import Post
    from deepcommons.search import semantic
    from deepcommons.search.models import QuestionEmbedding

    missing = total - QuestionEmbedding.objects.count()
    generator = np.random.default_rng(rng.randrange(2**32))
    user_id = Post.objects.values_list("author_id", flat=True).first()
    for start in range(0, missing, 5000):
        n = min(5000, missing - start)
        posts = Post.objects.bulk_create(
            Post(kind="question", author_id=user_id, title="padding", body="padding")
            for _ in range(n)
        )
        vectors = generator.standard_normal((n, semantic.DIMENSIONS)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        QuestionEmbedding.objects.bulk_create(
            QuestionEmbedding(post=p, vector=semantic.to_bytes(v), model=semantic.MODEL_NAME)
            for p, v in zip(posts, vectors, strict=True)
        )


def ms(fn: Callable[[], Any], repeat: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) * 1000 / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--vectors", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    # A new temporary database, dropped at the end (bench_search's options off).
    vendor, cleanup = setup_database(argparse.Namespace(db=None, keep=False, reuse=False))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deepcommons.settings")
    os.environ["SEARCH_SEMANTIC"] = "1"
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from deepcommons.search import results, semantic
    from deepcommons.search.models import QuestionEmbedding
    from deepcommons.search.services import embed_all_questions, embed_questions, rebuild_index

    if not semantic.is_available():
        print("not run: the semantic extra is not installed (make semantic)")
        cleanup()
        return
    rng = random.Random(7)
    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        seed(args.questions, rng)
        rebuild_index()
        print(
            f"{vendor}: {args.questions} questions seeded and indexed in "
            f"{time.perf_counter() - started:.0f} s"
        )

        started = time.perf_counter()
        semantic.get_model()
        print(f"model load (import torch, read weights): {time.perf_counter() - started:.1f} s")
        texts = [f"{title(rng)}\n{title(rng)}. I tried it." for _ in range(256)]
        one = ms(lambda: semantic.embed([texts[0]]), repeat=20)
        batch = ms(lambda: semantic.embed(texts)) / len(texts)
        print(f"encode: one title {one:.1f} ms; in batches of 64 {batch:.1f} ms per question")

        started = time.perf_counter()
        stored = embed_all_questions()
        seconds = time.perf_counter() - started
        print(
            f"backfill (embed_all_questions): {stored} questions in {seconds:.0f} s "
            f"({seconds / max(stored, 1) * 1000:.1f} ms per question)"
        )

        pad_vectors(args.vectors, rng)
        # As on a site running for a while: vectors written long ago and the
        # newest an hour ago, so that a refresh reads only the few written since.
        QuestionEmbedding.objects.update(updated_at=timezone.now() - timedelta(days=1))
        QuestionEmbedding.objects.filter(pk=QuestionEmbedding.objects.latest("pk").pk).update(
            updated_at=timezone.now() - timedelta(hours=1)
        )
        semantic.forget_index()
        load = ms(semantic.current_index)
        index = semantic.current_index()
        print(
            f"{len(index)} vectors: {index.matrix.nbytes / 2**20:.0f} MB in memory, "
            f"read in {load:.0f} ms; newest-stamp query {ms(semantic._newest, 20):.1f} ms"
        )
        # What a web process does when the worker changed one vector: the rows
        # written since its last look, merged into a copy of the matrix.
        edited = QuestionEmbedding.objects.order_by("-post_id").values_list("post_id", flat=True)
        embed_questions(post_ids=[edited[1000]])
        since = index.newest - semantic.REFRESH_OVERLAP  # type: ignore[operator]
        changed = ms(lambda: index.updated(semantic._rows(updated_at__gte=since), None))
        pruned = ms(lambda: index.keeping(semantic._ids()))
        print(
            f"refresh after one vector changed: {changed:.0f} ms; "
            f"prune (read every id, every 5 minutes): {pruned:.0f} ms"
        )
        index = semantic.current_index()
        vector = semantic.embed(["Why does my loss diverge with fp16"])[0]
        print(
            f"nearest 30 of {len(index)} (dot products + partial sort): "
            f"{ms(lambda: index.nearest(vector, k=30), 50):.2f} ms"
        )

        queries = [title(rng)[: rng.randint(12, 60)] for _ in range(args.queries)]
        lexical = [ms(lambda q=q: results.similar_question_ids(title=q)) for q in queries]
        blended = [ms(lambda q=q: semantic.similar_question_ids(title=q)) for q in queries]
        print(f"\nsimilar questions, {args.queries} half-typed titles ({len(index)} vectors):")
        print("| | p50 | p95 | max |\n| --- | --- | --- | --- |")
        for name, values in (("lexical", lexical), ("blended", blended)):
            print(
                f"| {name} | {statistics.median(values):.1f} ms | {pct(values, 95):.1f} ms "
                f"| {max(values):.1f} ms |"
            )
        print(
            f"blended / lexical p50: {statistics.median(blended) / statistics.median(lexical):.1f}×"
        )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
