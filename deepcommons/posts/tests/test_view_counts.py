"""View counts in one process, with the pending counts in the database and in Redis.

(Across a real web process and a real worker: test_view_counts_processes.py.)
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
import redis
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext

from deepcommons.accounts.models import User
from deepcommons.posts.models import PendingViews, Post
from deepcommons.posts.tests.factories import make_question
from deepcommons.posts.viewcounts import (
    FLUSH_SCHEDULED_KEY,
    FLUSHING_KEY,
    flush_view_counts,
    pending_views,
    record_view,
)

pytestmark = pytest.mark.django_db


def redis_url() -> str:
    """This test process's Redis database: the one settings give its xdist worker."""
    from django.conf import settings

    if settings.REDIS_URL:
        return str(settings.REDIS_URL)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    return f"redis://127.0.0.1:6379/{1 + int(worker or 0) % 14}"


@pytest.fixture(params=["database", "redis"])
def store(request: pytest.FixtureRequest, settings: Any) -> Iterator[str]:
    """Pending counts in the database (no REDIS_URL) or in Redis (the cache too,
    under a key prefix of this test's own, removed afterwards)."""
    if request.param == "database":
        settings.REDIS_URL = ""
        yield "database"
        return
    url = redis_url()
    prefix = f"test-views-{uuid.uuid4().hex[:8]}"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield "redis"
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def _schedule_no_flush() -> None:
    """Mark this minute's flush as scheduled, so that recording runs no flush
    (under pytest the task would run at once)."""
    from django.core.cache import cache

    cache.set(FLUSH_SCHEDULED_KEY, 1, timeout=60)


def test_a_viewer_counts_once_per_hour(store: str, alice: User) -> None:
    question = make_question(author=alice)
    assert record_view(post_id=question.pk, viewer="u1") is True
    assert record_view(post_id=question.pk, viewer="u1") is False
    assert record_view(post_id=question.pk, viewer="u2") is True
    # The first view scheduled a flush (immediate backend) that wrote 1.
    question.refresh_from_db()
    assert (question.view_count, pending_views(question.pk)) == (1, 1)
    assert flush_view_counts() == 1
    question.refresh_from_db()
    assert question.view_count == 2
    assert pending_views(question.pk) == 0
    assert flush_view_counts() == 0


def test_views_recorded_after_a_flush_go_to_the_next_one(store: str, alice: User) -> None:
    first, second = make_question(author=alice), make_question(author=alice)
    _schedule_no_flush()
    for n in range(3):
        record_view(post_id=first.pk, viewer=f"a{n}")
    record_view(post_id=second.pk, viewer="a0")
    assert flush_view_counts() == 4
    record_view(post_id=first.pk, viewer="a9")
    assert flush_view_counts() == 1
    assert dict(
        Post.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "view_count")
    ) == {
        first.pk: 4,
        second.pk: 1,
    }
    if store == "database":
        assert not PendingViews.objects.exists()


def test_a_flush_adds_to_many_posts_in_batches(store: str, alice: User) -> None:
    from deepcommons.posts import viewcounts

    posts = [make_question(author=alice, title=f"Question number {n}") for n in range(7)]
    _schedule_no_flush()
    for n, post in enumerate(posts):
        for viewer in range(n):
            record_view(post_id=post.pk, viewer=f"v{viewer}")
    viewcounts.BATCH, batch = 3, viewcounts.BATCH
    try:
        with CaptureQueriesContext(connection) as ctx:
            assert flush_view_counts() == sum(range(7))
    finally:
        viewcounts.BATCH = batch
    updates = [q for q in ctx.captured_queries if q["sql"].startswith('UPDATE "posts_post"')]
    assert len(updates) == 2  # six posts with views, three per statement
    counts = dict(Post.objects.filter(pk__in=[p.pk for p in posts]).values_list("pk", "view_count"))
    assert counts == {post.pk: n for n, post in enumerate(posts)}


def test_a_view_of_a_deleted_post_is_dropped_by_the_flush(store: str, alice: User) -> None:
    question = make_question(author=alice)
    _schedule_no_flush()
    record_view(post_id=question.pk, viewer="u1")
    Post.objects.filter(pk=question.pk).delete()
    assert flush_view_counts() == 1  # taken from the buffer, matched no post
    assert pending_views(question.pk) == 0


def test_a_counted_view_costs_one_write_to_the_buffer_and_none_to_the_post(
    store: str, client: Client, bob_client: Client, alice: User
) -> None:
    question = make_question(author=alice)
    url = question.get_absolute_url()
    _schedule_no_flush()
    bob_client.get(url)  # warm the session; counts bob
    with CaptureQueriesContext(connection) as repeat:
        bob_client.get(url)
    charlie = User.objects.create_user("charlie", "charlie@example.com", "pw-12345678")
    bob_client.force_login(charlie)
    bob_client.get("/questions/")  # warm charlie's session
    with CaptureQueriesContext(connection) as counted:
        bob_client.get(url)
    writes = [q for q in counted.captured_queries if q["sql"].startswith('UPDATE "posts_post"')]
    assert writes == []
    upserts = [q for q in counted.captured_queries if "posts_pendingviews" in q["sql"]]
    # The database store adds exactly one statement to a counted view; Redis none.
    assert len(upserts) == (1 if store == "database" else 0)
    assert len(counted.captured_queries) - len(upserts) == len(repeat.captured_queries)
    assert pending_views(question.pk) == 2


def _row(post: Post) -> str:
    return render_to_string("posts/_parts.html#post-row", {"post": post})


def test_the_command_writes_the_buffer_and_the_list_row_shows_it(
    store: str, client: Client, alice: User
) -> None:
    question = make_question(author=alice, title="Warmup steps for AdamW")
    assert "0 views" in _row(question)  # cached for a minute
    _schedule_no_flush()
    for n in range(3):
        Client(HTTP_USER_AGENT=f"browser {n}").get(question.get_absolute_url())
    call_command("flush_view_counts", stdout=StringIO())
    question.refresh_from_db()
    assert question.view_count == 3
    # The row's cache key holds the count: the cached "0 views" row is not reused.
    assert "3 views" in _row(question)


def test_a_hash_left_aside_by_a_failed_flush_is_written_first(settings: Any, alice: User) -> None:
    """Redis only: a flush that died between taking the counts and committing
    left them under FLUSHING_KEY; the next flush writes them, then takes the new ones."""
    url = redis_url()
    prefix = f"test-views-{uuid.uuid4().hex[:8]}"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    from django.core.cache import cache

    question = make_question(author=alice)
    client = redis.Redis.from_url(url)
    try:
        client.hset(cache.make_key(FLUSHING_KEY), str(question.pk), 5)
        _schedule_no_flush()
        record_view(post_id=question.pk, viewer="u1")
        assert pending_views(question.pk) == 6
        assert flush_view_counts() == 5
        assert flush_view_counts() == 1
        question.refresh_from_db()
        assert question.view_count == 6
    finally:
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
