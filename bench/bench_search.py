"""Search benchmark: latency of search_posts against an `icontains` baseline.

    .venv/bin/python bench/bench_search.py --posts 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/bench_search.py --posts 100000

    # Seed once, keep the database, then measure again without seeding:
    .venv/bin/python bench/bench_search.py --posts 100000 --db /tmp/bench100k.sqlite3 --keep
    .venv/bin/python bench/bench_search.py --posts 100000 --db /tmp/bench100k.sqlite3 --reuse
    # (PostgreSQL: --db bench100k names the database on the DATABASE_URL server.)

Seeds a temporary database (a SQLite file under /tmp, or a fresh database on
the PostgreSQL server of DATABASE_URL, dropped afterwards) with synthetic
English and Chinese posts plus the relevance corpus, builds the index, then
runs 200 mixed English, Chinese and filtered queries through
`search.results.search_posts` and the same queries as `icontains` filters
(first page and count, as a list page does). Prints p50/p95 for both, their
ratio, indexing time, and MRR / recall@10 of the corpus queries in the
large index.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EN_WORDS = [
    "model",
    "training",
    "loss",
    "gradient",
    "optimizer",
    "adam",
    "learning",
    "rate",
    "batch",
    "size",
    "epoch",
    "layer",
    "attention",
    "transformer",
    "encoder",
    "decoder",
    "embedding",
    "token",
    "tokenizer",
    "dataset",
    "augmentation",
    "dropout",
    "overfitting",
    "regularization",
    "convolution",
    "pooling",
    "kernel",
    "stride",
    "padding",
    "residual",
    "normalization",
    "inference",
    "latency",
    "gpu",
    "cuda",
    "memory",
    "tensor",
    "precision",
    "quantization",
    "pruning",
    "distillation",
    "checkpoint",
    "scheduler",
    "warmup",
    "accuracy",
    "recall",
    "precision",
    "benchmark",
    "pipeline",
    "feature",
    "classifier",
    "detection",
    "segmentation",
    "diffusion",
    "sampling",
    "noise",
    "reward",
    "policy",
    "agent",
    "graph",
    "node",
    "edge",
    "vector",
    "retrieval",
    "prompt",
    "context",
    "window",
    "fine-tuning",
    "adapter",
    "lora",
]
ZH_WORDS = [
    "模型",
    "训练",
    "损失",
    "梯度",
    "优化器",
    "学习率",
    "批大小",
    "数据集",
    "数据增强",
    "过拟合",
    "正则化",
    "卷积层",
    "池化层",
    "注意力机制",
    "编码器",
    "解码器",
    "词向量",
    "显存",
    "显卡",
    "推理",
    "量化",
    "剪枝",
    "知识蒸馏",
    "准确率",
    "召回率",
    "目标检测",
    "语义分割",
    "扩散模型",
    "强化学习",
    "图神经网络",
    "预训练",
    "微调",
    "大模型",
    "提示词",
    "损失函数",
    "反向传播",
    "梯度消失",
    "激活函数",
    "批归一化",
    "迁移学习",
    "分布式训练",
    "混合精度",
    "超参数",
    "验证集",
]
ZH_GLUE = [
    "的",
    "了",
    "在",
    "时",
    "和",
    "但是",
    "为什么",
    "怎么",
    "出现",
    "一直",
    "效果",
    "问题",
    "请问",
    "如何",
    "使用",
    "之后",
]
TAGS = [
    "pytorch",
    "tensorflow",
    "jax",
    "cuda",
    "nlp",
    "computer-vision",
    "llm",
    "optimization",
    "deployment",
    "reinforcement-learning",
] + [f"topic-{n}" for n in range(40)]


def english_text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(EN_WORDS) for _ in range(n)).capitalize() + "."


def chinese_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ZH_WORDS) + rng.choice(ZH_GLUE) for _ in range(n)) + "。"


def setup_database(args: argparse.Namespace) -> tuple[str, Any]:
    """Point DATABASE_URL at the bench database; return (vendor, cleanup).

    Without --db a new temporary database; with --db the named SQLite file or
    PostgreSQL database, created when missing. --keep or --reuse leave it in
    place afterwards.
    """
    keep = args.keep or args.reuse
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = args.db or f"bench_search_{os.getpid()}"
        parsed = urlparse(url)
        admin = urlunparse(parsed._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and not args.reuse:
                conn.execute(f'DROP DATABASE "{name}"')
            if not exists or not args.reuse:
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{name}"))

        def drop() -> None:
            from django.db import connections

            connections.close_all()
            if keep:
                print(f"kept database {name}")
                return
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

        return "postgresql", drop
    if args.db:
        path = str(Path(args.db).resolve())
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(path + suffix).unlink(missing_ok=True)
    else:
        handle, path = tempfile.mkstemp(prefix="bench_search_", suffix=".sqlite3", dir="/tmp")
        os.close(handle)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"

    def remove() -> None:
        if keep:
            print(f"kept database {path}")
            return
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)

    return "sqlite", remove


def seed(total: int, rng: random.Random) -> dict[str, int]:
    """Bulk-insert users, spaces, tags, posts (with tags) and the corpus; return corpus ids."""
    from deepcommons.accounts.models import User
    from deepcommons.posts.models import Post
    from deepcommons.search.tests.data.corpus import POSTS
    from deepcommons.spaces.models import Space, Tag

    users = User.objects.bulk_create(
        [User(username=f"user{n}", email=f"user{n}@example.com") for n in range(300)]
    )
    spaces = Space.objects.bulk_create(
        [Space(slug=s, name_en=s, name_zh=s) for s in ("nlp", "vision", "rl", "systems", "zh")]
    )
    tags = Tag.objects.bulk_create([Tag(name=name) for name in TAGS])
    now = datetime.now(UTC)
    through = Post.tags.through
    corpus_ids: dict[str, int] = {}
    batch: list[Post] = []
    questions: list[int] = []

    def flush() -> None:
        created = Post.objects.bulk_create(batch)
        links = []
        for post in created:
            if post.kind != "answer":
                for tag in rng.sample(tags, rng.randint(1, 3)):
                    links.append(through(post_id=post.pk, tag_id=tag.pk))
                if post.kind == "question":
                    questions.append(post.pk)
        through.objects.bulk_create(links)
        batch.clear()

    for key, kind, tag_names, title, body in POSTS:
        post = Post.objects.create(
            kind=kind, author=rng.choice(users), title=title, body=body, space=spaces[0]
        )
        post.tags.set(Tag.objects.filter(name__in=tag_names.split(",")))
        corpus_ids[key] = post.pk
    for _n in range(total - len(POSTS)):
        chinese = rng.random() < 0.4
        roll = rng.random()
        kind = (
            "question"
            if roll < 0.5 or not questions
            else "answer"
            if roll < 0.8
            else rng.choice(["article", "tutorial", "discussion"])
        )
        body = chinese_text(rng, rng.randint(8, 30)) if chinese else english_text(rng, 60)
        title = (
            ""
            if kind == "answer"
            else (chinese_text(rng, 3) if chinese else english_text(rng, rng.randint(4, 9)))
        )
        batch.append(
            Post(
                kind=kind,
                author=rng.choice(users),
                parent_id=rng.choice(questions[-2000:]) if kind == "answer" else None,
                space=rng.choice(spaces),
                title=title[:150],
                body=body,
                score=max(-3, int(rng.expovariate(0.3)) - 2),
                answer_count=rng.randint(0, 6) if kind == "question" else 0,
                created_at=now - timedelta(days=rng.uniform(0, 900)),
            )
        )
        if len(batch) == 2000:
            flush()
    if batch:
        flush()
    return corpus_ids


def make_queries(rng: random.Random) -> list[str]:
    queries = []
    for _ in range(80):
        queries.append(" ".join(rng.sample(EN_WORDS, rng.randint(1, 3))))
    for _ in range(60):
        queries.append(" ".join(rng.sample(ZH_WORDS, rng.randint(1, 2))))
    filters = [
        "[{tag}]",
        "is:question",
        "score:3..",
        "answers:0",
        "created:2025..",
        "is:article [{tag}]",
        "user:user7",
        "space:nlp",
        '"{en} {en2}"',
        "-{en2}",
    ]
    for _ in range(60):
        word = rng.choice(EN_WORDS + ZH_WORDS)
        template = rng.choice(filters)
        queries.append(
            f"{word} "
            + template.format(tag=rng.choice(TAGS[:10]), en=word, en2=rng.choice(EN_WORDS))
        )
    return queries


def icontains_baseline(q: str) -> int:
    """The same query as icontains filters: the first page and the count."""
    from django.db.models import Q

    from deepcommons.posts.models import Post
    from deepcommons.search.query import parse_query

    query = parse_query(q)
    qs = Post.objects.filter(status="published", deleted_at__isnull=True)
    for text in query.terms + [" ".join(p) for p in query.phrases]:
        qs = qs.filter(Q(title__icontains=text) | Q(body__icontains=text))
    for words in query.excluded:
        text = " ".join(words)
        qs = qs.exclude(Q(title__icontains=text) | Q(body__icontains=text))
    if query.kinds:
        qs = qs.filter(kind__in=query.kinds)
    for tag in query.tags:
        qs = qs.filter(tags__name=tag)
    if query.users:
        qs = qs.filter(author__username__in=query.users)
    if query.spaces:
        qs = qs.filter(space__slug__in=query.spaces)
    if query.score:
        low, high = query.score
        qs = qs.filter(score__gte=low) if low is not None else qs
        qs = qs.filter(score__lte=high) if high is not None else qs
    if query.answers:
        low, high = query.answers
        qs = qs.filter(answer_count__gte=low) if low is not None else qs
        qs = qs.filter(answer_count__lte=high) if high is not None else qs
    if query.created:
        start, stop = query.created
        qs = qs.filter(created_at__gte=start) if start else qs
        qs = qs.filter(created_at__lt=stop) if stop else qs
    rows = list(qs.select_related("author", "space").order_by("-created_at")[:20])
    return qs.count() + len(rows) * 0


def timed(fn: Any, items: list[str]) -> list[float]:
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def existing_corpus_ids() -> dict[str, int]:
    """The corpus posts of a reused database: the first ones created, in order."""
    from deepcommons.posts.models import Post
    from deepcommons.search.tests.data.corpus import POSTS

    first = list(Post.objects.order_by("pk").values_list("pk", flat=True)[: len(POSTS)])
    return {key: pk for (key, *_rest), pk in zip(POSTS, first, strict=True)}


def backend_only(q: str) -> int:
    """The backend's SQL alone (ids and total), without loading posts or snippets."""
    from deepcommons.search.backends import get_backend
    from deepcommons.search.query import parse_query

    query = parse_query(q)
    if query.is_empty:
        return 0
    return get_backend().search(query).total


def report(label: str, values: list[float]) -> None:
    print(
        f"{label:<14}p50 {pct(values, 50):7.1f} ms  p95 {pct(values, 95):7.1f} ms  "
        f"max {max(values):7.1f} ms  ({len(values)} queries)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--baseline-every",
        type=int,
        default=1,
        help="time the icontains baseline on every k-th query",
    )
    parser.add_argument(
        "--db", default="", help="SQLite file, or PostgreSQL database name (default: temporary)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the already seeded --db as it is (implies --keep)",
    )
    parser.add_argument(
        "--reindex", action="store_true", help="with --reuse: rebuild the search index first"
    )
    parser.add_argument(
        "--window", type=int, default=0, help="SEARCH_RANK_WINDOW for this run (default: setting)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="print the top functions of search_posts (cProfile)"
    )
    args = parser.parse_args()
    if args.reuse and not args.db:
        parser.error("--reuse needs --db")
    vendor, cleanup = setup_database(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deepcommons.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if args.window:
        settings.SEARCH_RANK_WINDOW = args.window

    try:
        from deepcommons.posts.models import Post
        from deepcommons.search.models import SearchDocument
        from deepcommons.search.results import search_posts
        from deepcommons.search.segment import get_tokenizer
        from deepcommons.search.services import rebuild_index
        from deepcommons.search.tests.data.corpus import QUERIES

        rng = random.Random(args.seed)
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        reused = args.reuse and Post.objects.count() >= args.posts
        from deepcommons.search.backends.base import rank_window

        print(
            f"database: {vendor}, posts: {args.posts:,}"
            + (" (reused)" if reused else "")
            + f", rank window: {rank_window():,}"
        )
        if reused:
            corpus_ids = existing_corpus_ids()
        else:
            corpus_ids = seed(args.posts, rng)
            print(f"seeded in {time.perf_counter() - started:.1f} s")

        get_tokenizer()
        if not reused or args.reindex or not SearchDocument.objects.exists():
            started = time.perf_counter()
            indexed = rebuild_index(batch_size=2000)
            index_seconds = time.perf_counter() - started
            print(f"indexed {indexed:,} posts in {index_seconds:.1f} s")
        if vendor == "postgresql":
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        print(f"load average before the queries: {os.getloadavg()[0]:.2f}")

        # Its own generator, so a reused database gets the same queries.
        queries = make_queries(random.Random(args.seed + 1))
        # Warm caches, and load jieba and OpenCC (once per process, about 1 s,
        # on the first Chinese query): every tenth query, so every group.
        for q in queries[::10]:
            search_posts(q=q)
        ours = timed(lambda q: search_posts(q=q), queries)
        report("search_posts", ours)
        slowest = sorted(zip(ours, queries, strict=True), reverse=True)[:5]
        print("  slowest: " + "; ".join(f"{q} {ms:.0f} ms" for ms, q in slowest))
        sql_only = timed(backend_only, queries)
        report("  backend SQL", sql_only)
        groups = {"english": queries[:80], "chinese": queries[80:140], "filtered": queries[140:]}
        for name, group in groups.items():
            report(f"  {name}", timed(lambda q: search_posts(q=q), group))
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for q in queries:
                search_posts(q=q)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        reciprocal = 0.0
        found = 0
        for q, key in QUERIES:
            ranked = [h.post.pk for h in search_posts(q=q, per_page=10).hits]
            if corpus_ids[key] in ranked:
                found += 1
                reciprocal += 1 / (ranked.index(corpus_ids[key]) + 1)
        print(
            f"relevance ({len(QUERIES)} corpus queries among {args.posts:,} posts): "
            f"MRR {reciprocal / len(QUERIES):.3f}, recall@10 {found / len(QUERIES):.3f}"
        )
        if not args.skip_baseline:
            # On a million posts one icontains query takes seconds: --baseline-every
            # times every k-th query, compared with search_posts on the same ones.
            every = max(args.baseline_every, 1)
            sample, ours_sample = queries[::every], ours[::every]
            base = timed(icontains_baseline, sample)
            report("icontains", base)
            if every > 1:
                report("  search same", ours_sample)
            print(
                f"ratio icontains/search: p50 {pct(base, 50) / pct(ours_sample, 50):.1f}x, "
                f"p95 {pct(base, 95) / pct(ours_sample, 95):.1f}x"
            )
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
