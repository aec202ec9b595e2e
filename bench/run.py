"""`make bench`: run every benchmark in bench/, each printing ratios to a baseline.

.venv/bin/python bench/run.py [pages analytics fanout search reputation]   (default: all)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    available = {p.stem.removeprefix("bench_"): p for p in sorted(HERE.glob("bench_*.py"))}
    wanted = sys.argv[1:] or list(available)
    failed = []
    for name in wanted:
        script = available.get(name)
        if script is None:
            print(f"unknown benchmark {name!r}; have {', '.join(available)}")
            return 2
        print(f"\n##### bench: {name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
