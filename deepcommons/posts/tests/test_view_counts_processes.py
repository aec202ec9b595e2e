"""View counts across real processes: visits to a real `runserver`, flushed by a
real worker (`manage.py worker`, or `rqworker` with Redis) and by the cron
command, each its own process with its own default cache.

On SQLite the processes share a file database made for the test; on
PostgreSQL they use the test database itself.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.db import connection

from deepcommons.posts.tests.test_view_counts import redis_url

ROOT = Path(__file__).resolve().parents[3]
VISITORS = 6

SEED = """
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts.tests.factories import make_question
question = make_question(author=UserFactory(), title="Counting views across processes")
print(question.pk, question.get_absolute_url())
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url(tmp_path: Path) -> str:
    """The database the processes share: the PostgreSQL test database, or a new SQLite file."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"sqlite:///{tmp_path / 'views.sqlite3'}"


def _env(tmp_path: Path, store: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(
        DATABASE_URL=_database_url(tmp_path),
        DEEPCOMMONS_DATA_DIR=str(tmp_path),
        DEEPCOMMONS_TESTING="0",
        DJANGO_SETTINGS_MODULE="deepcommons.settings",
        DB_CONN_MAX_AGE="0",
        PYTHONUNBUFFERED="1",
        # The processes' new member tags a question, as the tests' members may.
        REPUTATION_PRIVILEGES='{"create_tags": 0}',
    )
    if store == "redis":
        # This xdist worker's Redis database, under a key prefix of this test's own.
        env.update(REDIS_URL=redis_url(), CACHE_KEY_PREFIX=f"test-views-{uuid.uuid4().hex[:8]}")
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _start(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _view_count(env: dict[str, str], post_id: int) -> int:
    """Post.view_count as the database has it now (not through this process's ORM
    on SQLite: the processes' database is a file of their own)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT view_count FROM posts_post WHERE id = %s", [post_id])
            return int(cursor.fetchone()[0])
    path = env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return int(
            db.execute("SELECT view_count FROM posts_post WHERE id = ?", [post_id]).fetchone()[0]
        )


def _visit(url: str, agent: str) -> int:
    request = urllib.request.Request(url, headers={"User-Agent": agent})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.status)


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()[-3000:]
        try:
            _visit(url, "probe")
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("runserver did not start: " + log.read_text()[-3000:])


@pytest.fixture
def cleanup_redis_keys() -> Iterator[list[str]]:
    """Key prefixes whose keys are removed from this worker's Redis database after the test."""
    prefixes: list[str] = []
    yield prefixes
    client = redis.Redis.from_url(redis_url())
    for prefix in prefixes:
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("store", ["database", "redis"])
def test_views_counted_by_the_web_process_reach_the_post_through_the_worker(
    tmp_path: Path, store: str, cleanup_redis_keys: list[str]
) -> None:
    env = _env(tmp_path, store)
    if store == "redis":
        cleanup_redis_keys.append(env["CACHE_KEY_PREFIX"])
    if connection.vendor != "postgresql":
        _manage(env, "migrate", "--noinput", "-v", "0")
    post_id_text, path = _manage(env, "shell", "-c", SEED).splitlines()[-1].split()
    post_id = int(post_id_text)
    log = tmp_path / "processes.log"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    if store == "redis":
        # Only this test's jobs: an empty queue in this worker's Redis database.
        redis.Redis.from_url(redis_url()).delete("rq:queue:default")
        worker = _start(env, log, "rqworker", "default")
    else:
        worker = _start(env, log, "worker", "--interval", "0.1", "--no-startup-delay")
    server = _start(env, log, "runserver", "--noreload", f"127.0.0.1:{port}")
    try:
        _wait_until_up(f"{base}/healthz", server, log)
        for n in range(VISITORS):
            assert _visit(base + path, f"visitor {n}") == 200
        assert _visit(base + path, "visitor 0") == 200  # a repeat: not counted again
        # The first counted view scheduled a flush; the worker, another
        # process, sees the web process's counts and writes them.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _view_count(env, post_id) == 0:
            time.sleep(0.2)
        by_worker = _view_count(env, post_id)
        assert by_worker >= 1, log.read_text()[-3000:]
        # The views after that flush wait for the next one: the cron command's.
        written = _manage(env, "flush_view_counts")
        assert written == f"{VISITORS - by_worker} views written.\n"
        assert _view_count(env, post_id) == VISITORS
    finally:
        _stop(server)
        _stop(worker)
