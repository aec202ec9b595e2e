"""Kill the real database worker in the middle of a digest run, restart it:
every recipient still gets exactly one digest, with nothing run by hand."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
RECIPIENTS = 12

SEED = f"""
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.social import services
star = UserFactory(username="star")
for i in range({RECIPIENTS}):
    services.follow(user=star, target=UserFactory(username=f"reader{{i:02d}}"))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        DEEPCOMMONS_DATA_DIR=str(tmp_path),
        DEEPCOMMONS_TESTING="0",
        DJANGO_SETTINGS_MODULE="deepcommons.settings",
        EMAIL_BACKEND="deepcommons.social.tests.mailbox.AppendFileBackend",
        DC_TEST_MAILBOX=str(tmp_path / "mailbox.txt"),
        DC_TEST_MAIL_DELAY="0.3",
        PYTHONUNBUFFERED="1",
    )
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


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "worker",
            "--worker-id",
            "slot-1",
            "--interval",
            "0.1",
            "--no-startup-delay",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _lines(mailbox: Path) -> list[str]:
    return mailbox.read_text().splitlines() if mailbox.exists() else []


def _wait_for(mailbox: Path, count: int, timeout: float) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(_lines(mailbox)) < count:
        time.sleep(0.05)
    return _lines(mailbox)


@pytest.mark.slow
def test_killed_worker_restarts_and_every_recipient_gets_one_digest(tmp_path: Path) -> None:
    env = _env(tmp_path)
    mailbox = tmp_path / "mailbox.txt"
    log = tmp_path / "worker.log"
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "shell", "-c", SEED)
    assert "12 daily digest(s) queued" in _manage(env, "send_digests", "--period", "daily")

    worker = _worker(env, log)
    try:
        sent_before_kill = _wait_for(mailbox, 4, timeout=60)
        # Let the 4th digest's transaction commit; the kill lands in the next send.
        time.sleep(0.1)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert 4 <= len(sent_before_kill) < RECIPIENTS, log.read_text()[-2000:]

    # Restart the worker only: it re-runs the batch the killed run left RUNNING.
    worker = _worker(env, log)
    try:
        lines = _wait_for(mailbox, RECIPIENTS, timeout=90)
        time.sleep(1.0)  # anything extra would arrive now
        lines = _lines(mailbox)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=20)

    per_recipient = Counter(line.split("\t")[0] for line in lines)
    assert per_recipient == {f"reader{i:02d}@example.com": 1 for i in range(RECIPIENTS)}, (
        log.read_text()[-2000:]
    )
    assert "0 daily digest(s) queued" in _manage(env, "send_digests", "--period", "daily")
