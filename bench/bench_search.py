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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.search.data import existing_corpus_ids, make_queries, seed  # noqa: E402
from bench.search.database import setup_database  # noqa: E402
from bench.search.measure import (  # noqa: E402
    backend_only,
    icontains_baseline,
    pct,
    report,
    timed,
)

# bench_semantic imports pct and setup_database from here, so they stay importable by that path.


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
