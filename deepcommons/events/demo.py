"""Demo events: placeholder until the builder lands."""

from __future__ import annotations

from typing import Any


def build(stdout: Any) -> None:
    stdout.write("events: no demo data yet")
