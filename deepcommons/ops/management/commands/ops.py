"""`manage.py ops snapshots [--page NAME …]`: recompute the console's snapshots (nightly cron)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from deepcommons.ops.models import SnapshotRun
from deepcommons.ops.services import recompute_snapshots
from deepcommons.ops.snapshots import PAGE_MODULES


class Command(BaseCommand):
    help = "Recompute the operations console's snapshots (run nightly from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        snapshots = sub.add_parser("snapshots", help="Compute every page's figures now.")
        snapshots.add_argument(
            "--page",
            action="append",
            choices=list(PAGE_MODULES),
            help="Only this page (repeatable); default every page.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        run = SnapshotRun.objects.create()

        def step(done: int, total: int, label: str) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  [{done + 1}/{total}] {label}")

        count = recompute_snapshots(run=run, names=options.get("page"), on_step=step)
        self.stdout.write(
            self.style.SUCCESS(f"{count} snapshots in {time.monotonic() - started:.1f} s.")
        )
