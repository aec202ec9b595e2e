"""`make run` gives the web process and the worker a SITE_URL on the port it serves.

E-mail links (digests, unsubscribe) are built from SITE_URL because the worker
that sends them has no request; `make run PORT=8011` used to mail links to 8000.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _site_url_for_run(**env: str) -> str:
    make = shutil.which("make")
    if make is None:
        pytest.fail("make is needed: the README's two commands are make targets")
    variables = [f"{k}={v}" for k, v in env.items() if k in {"PORT", "HOST"}]
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if "SITE_URL" in env:
        environ["SITE_URL"] = env["SITE_URL"]
    # -p prints make's database, -n runs nothing: the value run's recipe exports.
    out = subprocess.run(
        [make, "-p", "-n", "-C", str(ROOT), "run", *variables],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    ).stdout
    match = re.search(r"^run: SITE_URL := (.*)$", out, re.M)
    assert match, "the run target no longer sets SITE_URL"
    return match.group(1)


def test_the_default_is_the_served_address() -> None:
    assert _site_url_for_run() == "http://127.0.0.1:8000"


def test_another_port_and_host_reach_the_links() -> None:
    assert _site_url_for_run(PORT="8011", HOST="0.0.0.0") == "http://0.0.0.0:8011"


def test_an_explicit_site_url_wins() -> None:
    assert _site_url_for_run(PORT="8011", SITE_URL="https://dc.example") == "https://dc.example"
