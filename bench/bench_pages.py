"""Page throughput: gunicorn (2 workers) measured with wrk, as ratios to a ceiling.

The ceiling is a one-line Django view returning "ok" served by the same
gunicorn in the same run, so the ratios say how much each page costs on
top of Django itself, whatever the machine is doing.

    .venv/bin/python bench/bench_pages.py [--users 1000] [--posts 110000] [--seconds 10]

Data: `manage.py seed` (10% top-level posts, 70% of them questions; the
rest answers and replies) plus comments, in a SQLite database under
/tmp/dc-bench (reused between runs with the same sizes), or the database in
DATABASE_URL.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def run(cmd: list[str], env: dict[str, str]) -> str:
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(env: dict[str, str], users: int, posts: int) -> None:
    marker = Path(env["DEEPCOMMONS_DATA_DIR"]) / f"seeded-{users}-{posts}"
    if marker.exists() and "DATABASE_URL" not in os.environ:
        print(f"reusing seeded data in {env['DEEPCOMMONS_DATA_DIR']}")
        return
    print(f"seeding {users} users and {posts} posts (+{posts // 5} comments)…", flush=True)
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    started = time.monotonic()
    subprocess.run(
        [
            PY,
            "manage.py",
            "seed",
            "--users",
            str(users),
            "--posts",
            str(posts),
            "--comments",
            str(posts // 5),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"seeded in {time.monotonic() - started:.0f} s")
    marker.touch()


TARGETS_SCRIPT = r"""
import django, json
django.setup()
from django.db.models import Count, Q
from django.test import Client
from deepcommons.posts.models import Kind, Post
from deepcommons.accounts.models import User
question = (Post.objects.filter(kind=Kind.QUESTION, deleted_at__isnull=True,
            answer_count__gte=10).order_by("answer_count", "pk").first())
article = Post.objects.filter(kind=Kind.ARTICLE, deleted_at__isnull=True).order_by("pk").first()
user = User.objects.filter(is_active=True, username__startswith="seed").order_by("pk").first()
client = Client()
client.force_login(user)
print(json.dumps({
    "question": f"/questions/{question.pk}/", "answers": question.answer_count,
    "article": f"/articles/{article.pk}/",
    "cookie": client.cookies["sessionid"].value,
}))
"""


def targets(env: dict[str, str]) -> dict[str, str]:
    import json

    out = run([PY, "-c", TARGETS_SCRIPT], env)
    return json.loads(out.strip().splitlines()[-1])


def wrk(url: str, seconds: int, cookie: str | None) -> tuple[float, float, float]:
    cmd = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(label: str) -> float:
        m = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)  # type: ignore[union-attr]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    return rps, pct("50"), pct("99")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=110_000)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)

    data_dir = Path(os.environ.get("BENCH_DATA_DIR", "/tmp/dc-bench"))
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DEEPCOMMONS_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "PYTHONPATH": str(ROOT),
        "DEEPCOMMONS_TESTING": "0",
    }
    env.pop("DEBUG", None)
    prepare(env, args.users, args.posts)
    info = targets(env)
    port = free_port()
    server = subprocess.Popen(
        # DJANGO_SETTINGS_MODULE in env makes wsgi load the bench settings.
        [
            str(Path(PY).with_name("gunicorn")),
            "deepcommons.wsgi:application",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(data_dir / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bench/ok", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        pages = [
            ("ceiling: one-line view", "/bench/ok"),
            ("latest list", "/questions/"),
            (f"question, {info['answers']} answers", info["question"]),
            ("article", info["article"]),
            ("home page", "/"),
        ]
        print(f"\nwrk -t2 -c16 -d{args.seconds}s against gunicorn -w 2 ({base})")
        print(f"{'page':32} {'visitor':10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6}")
        # One ceiling for every row: the anonymous one-line view. The logged-in
        # one-line view is printed too; it costs the session and user lookups.
        ceiling = 0.0
        for label, path in pages:
            for visitor, cookie in (("anonymous", None), ("logged-in", info["cookie"])):
                headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
                for _warm in range(30):
                    urllib.request.urlopen(urllib.request.Request(base + path, headers=headers))
                rps, p50, p99 = wrk(base + path, args.seconds, cookie)
                ceiling = ceiling or rps
                ratio = rps / ceiling
                target = (
                    ""
                    if path == "/bench/ok"
                    else ("  (target ≥ 0.25)" if visitor == "anonymous" else "  (target ≥ 0.10)")
                )
                row = f"{label:32} {visitor:10} {rps:8.0f} {p50:8.1f} {p99:8.1f} {ratio:6.3f}"
                print(row + target, flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
