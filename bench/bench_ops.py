"""The operations console at the issue's size: snapshot computation and page render times.

A throw-away SQLite database gets OPS_BENCH_USERS members (default 100,000)
with the synthetic activity of bench_analytics (about 15 events a member:
BG/NBD-like visits, votes, comments, answers, posts, follows), questions and
answers in 8 spaces, bulk-loaded. Then:

  snapshots  `recompute_snapshots()` from the database, as the nightly run
             does; each page's computation time is printed (summed over its
             scopes: the whole community and each space);
  pages      every console page rendered in-process (Django's test client,
             an operator signed in) OPS_BENCH_RENDERS times (default 15);
             the median server-side time is printed against the 300 ms
             target, with its ratio to a baseline measured in the same run:
             the /privileges/ page, a plain server-rendered page.

    .venv/bin/python bench/bench_ops.py            # OPS_BENCH_USERS=100000
    OPS_BENCH_USERS=10000 .venv/bin/python bench/bench_ops.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_MS = 300.0
SPACES = 8


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
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load(users: int) -> None:
    """Members, spaces, posts and events, bulk-inserted."""
    from bench_analytics import synthetic_events
    from django.db import connection

    from deepcommons.accounts.models import User
    from deepcommons.analytics.models import ActivityEvent
    from deepcommons.posts.models import Post
    from deepcommons.spaces.models import Space

    started = time.perf_counter()
    events = synthetic_events(users)
    events["timestamp"] = events["timestamp"].dt.floor("us")  # the database keeps µs
    first_seen = events.groupby("user_id")["timestamp"].min()
    User.objects.bulk_create(
        (
            User(username=f"m{i:06d}", password="!", date_joined=first_seen.get(i).to_pydatetime())
            for i in range(1, users + 1)
        ),
        batch_size=5000,
    )
    ids = np.array(User.objects.order_by("pk").values_list("pk", flat=True))
    offset = int(ids[0]) - 1
    spaces = [
        Space.objects.create(slug=f"space-{i}", name_en=f"Space {i}", name_zh=f"空间 {i}")
        for i in range(SPACES)
    ]
    rng = np.random.default_rng(1)
    # One question per "post" event and one answer per "answer" event, on
    # the synthetic post ids 1…5,000 the events point at.
    posts = events[events["kind"] == "post"]
    questions = [
        Post(
            kind="question",
            status="published",
            author_id=int(u) + offset,
            space=spaces[i % SPACES],
            title=f"Question {i}",
            body="b",
            created_at=ts.to_pydatetime(),
            last_activity_at=ts.to_pydatetime(),
        )
        for i, (u, ts) in enumerate(zip(posts["user_id"], posts["timestamp"], strict=True))
    ]
    Post.objects.bulk_create(questions, batch_size=5000)
    question_ids = np.array(
        Post.objects.filter(kind="question").order_by("pk").values_list("pk", flat=True)
    )
    answers_at = events[events["kind"] == "answer"]
    parents = question_ids[rng.integers(0, len(question_ids), len(answers_at))]
    asked = dict(Post.objects.filter(kind="question").values_list("pk", "created_at"))
    Post.objects.bulk_create(
        (
            Post(
                kind="answer",
                status="published",
                author_id=int(u) + offset,
                parent_id=int(p),
                space_id=spaces[0].pk,
                body="a",
                created_at=max(ts.to_pydatetime(), asked[int(p)]),
                last_activity_at=ts.to_pydatetime(),
            )
            for u, ts, p in zip(
                answers_at["user_id"], answers_at["timestamp"], parents, strict=True
            )
        ),
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE posts_post SET space_id = (SELECT q.space_id FROM posts_post q "
            "WHERE q.id = posts_post.parent_id) WHERE parent_id IS NOT NULL"
        )
    # Events on post ids 1…5,000 now point at real questions.
    post_ids = question_ids[
        (events["object_id"].fillna(1).astype(np.int64).to_numpy() - 1) % len(question_ids)
    ]
    frame = events.assign(
        user_id=events["user_id"] + offset,
        target_user_id=events["target_user_id"] + offset,
        object_id=np.where(events["object_id"].notna(), post_ids, None),
    )
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = OFF")
    rows = (
        ActivityEvent(
            user_id=int(r.user_id),
            kind=r.kind,
            occurred_at=r.timestamp.to_pydatetime(),
            target_user_id=None if pd.isna(r.target_user_id) else int(r.target_user_id),
            object_type=r.object_type,
            object_id=None if r.object_id is None else int(r.object_id),
            value=-1.0 if r.kind == "vote" and r.Index % 9 == 0 else 1.0,
        )
        for r in frame.itertuples()
    )
    ActivityEvent.objects.bulk_create(rows, batch_size=10_000)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("ANALYZE")
    print(
        f"loaded {users:,} members, {len(frame):,} events, "
        f"{Post.objects.count():,} posts in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def snapshots() -> None:
    from django.db.models import Count, Sum

    from deepcommons.ops.models import Snapshot
    from deepcommons.ops.services import recompute_snapshots

    started = time.perf_counter()
    count = recompute_snapshots()
    total = time.perf_counter() - started
    print(f"\nsnapshots: {count} computed in {total:.1f} s (loading the data included)")
    per_page = (
        Snapshot.objects.values("name")
        .annotate(seconds=Sum("duration_seconds"), scopes=Count("pk"))
        .order_by("name")
    )
    for row in per_page:
        print(f"  {row['name']:<12} {row['seconds']:8.2f} s over {row['scopes']} scopes")


def median_ms(client: object, url: str, renders: int) -> float:
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(times)


def pages(renders: int) -> bool:
    from django.test import Client
    from django.urls import reverse

    from deepcommons.accounts.models import User
    from deepcommons.accounts.services import set_role
    from deepcommons.ops.pages import PAGES

    operator = User.objects.create_user("bench_operator", "op@example.com", "x")
    set_role(user=operator, role="operator")
    client = Client()
    client.force_login(operator)
    client.get("/privileges/")  # warm up templates and caches
    baseline = median_ms(client, "/privileges/", renders)
    print(f"\npages: median of {renders} renders, server-side, in-process")
    print(f"  {'baseline /privileges/':<34} {baseline:7.1f} ms")
    ok = True
    for page in PAGES:
        for label, query in (("", ""), (" (one space)", "?space=space-1")):
            url = reverse(page.url_name) + query
            client.get(url)
            ms = median_ms(client, url, renders)
            verdict = "ok" if ms <= TARGET_MS else "SLOW"
            ok &= ms <= TARGET_MS
            name = f"{page.name}{label}"
            print(f"  {name:<34} {ms:7.1f} ms  {ms / baseline:5.2f}× baseline  ({verdict})")
    return ok


def main() -> int:
    users = env_int("OPS_BENCH_USERS", 100_000)
    renders = env_int("OPS_BENCH_RENDERS", 15)
    with tempfile.TemporaryDirectory(prefix="dc-ops-bench-") as tmp:
        setup_django(tmp)
        load(users)
        snapshots()
        ok = pages(renders)
    print(f"\nevery page ≤ {TARGET_MS:.0f} ms: {'yes' if ok else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
