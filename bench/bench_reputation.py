"""Reputation at scale: recompute from a big ledger, award every badge on the
100k-post seed, and the cost of the ledger on a vote (ratio, target <= 1.3).

Each part runs in its own process on its own throw-away SQLite database:

  ledger  REP_BENCH_USERS members (default 20,000) and REP_BENCH_ROWS ledger
          rows (default 1,000,000: 50 a member, as at the issue's size)
          bulk-loaded, then `recompute_totals()` timed. The issue's size,
          REP_BENCH_USERS=100000 REP_BENCH_ROWS=5000000, is five times that:
          on a loaded 2-core machine 1M rows took 55 s to load and 17 s to
          recompute, both linear in rows, so the full size runs past the
          few minutes `make bench` should take; set the variables for it.
  badges  `award_badges()` timed twice (the second run finds nothing new:
          idempotence at full size) on the 100k-post seed: a copy of the
          database bench_pages seeded (110,000 posts, /tmp/dc-bench, which
          `make bench` runs first). Without it, or with REP_BENCH_POSTS set,
          it runs `manage.py seed --users REP_BENCH_SEED_USERS (2,000)
          --posts REP_BENCH_POSTS (20,000)` itself: seeding 100,000 posts
          took 283 s here, too long for a default.
  votes   REP_BENCH_VOTES (400) votes through `posts.services.vote` with the
          ledger listener subscribed, and as many with it removed from
          `posts.hooks._in_transaction`, interleaved in rounds; prints the
          ratio of median vote times.

    .venv/bin/python bench/bench_reputation.py [ledger badges votes]
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def setup_django(tmp: str) -> None:
    os.environ.pop("REDIS_URL", None)
    os.environ.update(
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        DEEPCOMMONS_DATA_DIR=tmp,
        DEEPCOMMONS_TESTING="0",
        DJANGO_SETTINGS_MODULE="deepcommons.settings",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        SEARCH_SEMANTIC="0",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def part_ledger(tmp: str) -> None:
    users, rows = env_int("REP_BENCH_USERS", 20_000), env_int("REP_BENCH_ROWS", 1_000_000)
    setup_django(tmp)
    from django.db import connection

    from deepcommons.accounts.models import User
    from deepcommons.reputation.models import ReputationChange
    from deepcommons.reputation.services import recompute_totals

    started = time.perf_counter()
    ledger = ReputationChange._meta.db_table
    now = datetime(2026, 1, 1, tzinfo=UTC)
    User.objects.bulk_create(
        (User(username=f"m{i:06d}", password="!", date_joined=now) for i in range(users)),
        batch_size=5000,
    )
    first_id = User.objects.order_by("pk").values_list("pk", flat=True).first()
    with connection.cursor() as cursor:
        # A bulk load: drop the ledger's indexes, insert, then build them again
        # (what a restore does), rather than update five B-trees per row.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [ledger],
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("PRAGMA synchronous = OFF")
        # The rows are generated inside SQLite (a recursive CTE): mostly
        # upvotes, some downvotes, accepts and their small rewards, one
        # second apart from 2026-01-01, for members drawn uniformly.
        cursor.execute(
            f"INSERT INTO {ledger} (user_id, amount, reason, cause, key, reversed, "  # noqa: S608
            "created_at) "
            "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < %s), "
            "draws AS (SELECT i, abs(random()) %% 7 AS k, abs(random()) %% %s AS u FROM seq) "
            "SELECT %s + u, "
            "CASE k WHEN 3 THEN -2 WHEN 4 THEN 15 WHEN 5 THEN 2 WHEN 6 THEN -1 ELSE 10 END, "
            "CASE k WHEN 3 THEN 'downvoted' WHEN 4 THEN 'accepted' WHEN 5 THEN 'accept_given' "
            "WHEN 6 THEN 'downvote_given' ELSE 'upvoted' END, "
            "'', 'vote:' || i, 0, "
            "strftime('%%Y-%%m-%%d %%H:%%M:%%S', 1767225600 + i, 'unixepoch') FROM draws",
            [rows - 1, users, first_id],
        )
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)
        cursor.execute("PRAGMA synchronous = FULL")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"ledger: {users:,} members, {rows:,} rows written in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    differences = recompute_totals()
    took = time.perf_counter() - started
    print(f"recompute_totals(): {len(differences):,} totals fixed in {took:.1f} s")
    started = time.perf_counter()
    again = recompute_totals(fix=False)
    took = time.perf_counter() - started
    print(f"recompute_totals(fix=False) after: {len(again)} differences in {took:.1f} s")


def seeded_copy(tmp: str) -> str:
    """Copy bench_pages' seeded database (/tmp/dc-bench, 110,000 posts by
    default) when it exists, so `make bench` seeds once; '' when there is none."""
    data_dir = Path(os.environ.get("BENCH_DATA_DIR", "/tmp/dc-bench"))
    markers = sorted(data_dir.glob("seeded-*-*"))
    database = data_dir / "deepcommons.sqlite3"
    if not markers or not database.exists() or "REP_BENCH_POSTS" in os.environ:
        return ""
    shutil.copyfile(database, Path(tmp) / "bench.sqlite3")
    return markers[-1].name


def part_badges(tmp: str) -> None:
    seed_users = env_int("REP_BENCH_SEED_USERS", 2_000)
    posts = env_int("REP_BENCH_POSTS", 20_000)
    reused = seeded_copy(tmp)
    setup_django(tmp)
    from django.core.management import call_command

    from deepcommons.posts.models import Post
    from deepcommons.reputation.badges import all_badges
    from deepcommons.reputation.models import BadgeAward
    from deepcommons.reputation.services.badges import award_badges

    if reused:
        print(f"seed: reusing bench_pages' database ({reused})")
    else:
        started = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            call_command("seed", users=seed_users, posts=posts, comments=posts // 5, stdout=quiet)
        took = time.perf_counter() - started
        print(f"seed: {seed_users:,} members, {posts:,} posts in {took:.1f} s")
    print(f"posts in the database: {Post.objects.count():,}")
    started = time.perf_counter()
    awarded = award_badges()
    first = time.perf_counter() - started
    print(f"award_badges(): {awarded:,} awards of {len(all_badges())} badges in {first:.1f} s")
    started = time.perf_counter()
    again = award_badges()
    print(f"award_badges() again: {again} new awards in {time.perf_counter() - started:.1f} s")
    print(f"awards in the table: {BadgeAward.objects.count():,}")


def part_votes(tmp: str) -> None:
    votes = env_int("REP_BENCH_VOTES", 400)
    rounds = 20
    setup_django(tmp)
    from deepcommons.accounts.models import User
    from deepcommons.posts import hooks, services
    from deepcommons.posts.models import Kind, Post
    from deepcommons.reputation import listeners
    from deepcommons.reputation.models import ReputationChange

    # One question per vote, each by its own author: the daily cap (200, so
    # 20 upvotes a day per author) must never turn a vote into no ledger row.
    total = 2 * votes + 20
    User.objects.bulk_create(
        User(username=f"author{i:05d}", reputation=10_000) for i in range(total)
    )
    User.objects.bulk_create(User(username=f"voter{i:03d}", reputation=10_000) for i in range(20))
    authors = list(User.objects.filter(username__startswith="author").order_by("pk"))
    Post.objects.bulk_create(
        Post(kind=Kind.QUESTION, author=a, title=f"Question {i}", body="Body.")
        for i, a in enumerate(authors)
    )
    voters = list(User.objects.filter(username__startswith="voter").order_by("pk"))
    questions = list(Post.objects.filter(kind=Kind.QUESTION).select_related("author", "parent"))
    per_round = votes // rounds
    pairs = [(q, voters[i % len(voters)]) for i, q in enumerate(questions)]
    random.Random(5).shuffle(pairs)
    pending = iter(pairs)

    def timed(n: int) -> list[float]:
        times = []
        for _ in range(n):
            post, voter = next(pending)
            started = time.perf_counter()
            services.vote(post=post, user=voter, value=1)
            times.append(time.perf_counter() - started)
        return times

    timed(20)  # warm up both paths' caches
    with_ledger: list[float] = []
    without: list[float] = []
    for _ in range(rounds):
        with_ledger.extend(timed(per_round))
        hooks._in_transaction.remove(listeners.on_post_event)
        try:
            without.extend(timed(per_round))
        finally:
            hooks.subscribe_in_transaction(listeners.on_post_event)
    w, wo = statistics.median(with_ledger), statistics.median(without)
    print(f"votes: {len(with_ledger)} with the ledger, {len(without)} without, interleaved")
    print(f"median vote with the ledger:    {w * 1000:.2f} ms")
    print(f"median vote without the ledger: {wo * 1000:.2f} ms")
    print(f"ratio (target <= 1.3): {w / wo:.2f}")
    print(f"ledger rows written: {ReputationChange.objects.count()}")


PARTS = {"ledger": part_ledger, "badges": part_badges, "votes": part_votes}


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--part":
        tmp = tempfile.mkdtemp(prefix="dc-bench-rep-")
        try:
            PARTS[sys.argv[2]](tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return 0
    wanted = sys.argv[1:] or list(PARTS)
    failed = []
    for name in wanted:
        if name not in PARTS:
            print(f"unknown part {name!r}; have {', '.join(PARTS)}")
            return 2
        print(f"--- {name}", flush=True)
        started = time.perf_counter()
        if subprocess.run([sys.executable, __file__, "--part", name], cwd=ROOT).returncode:
            failed.append(name)
        print(f"({name}: {time.perf_counter() - started:.0f} s in all)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
