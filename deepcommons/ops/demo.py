"""Demo data of the console: its snapshots, computed from the demo community's history.

Runs last, after every app's demo data exists, so the console opens filled.
"""

from __future__ import annotations

import time
from typing import Any

from deepcommons.ops.services import recompute_snapshots


def build(stdout: Any) -> None:
    started = time.monotonic()
    count = recompute_snapshots()
    stdout.write(f"  {count} console snapshots in {time.monotonic() - started:.1f} s")
