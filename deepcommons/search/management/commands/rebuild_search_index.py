"""manage.py rebuild_search_index: re-create the search index from the posts."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from deepcommons.search.services import rebuild_index

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the full-text search index from all posts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        verbose = options["verbosity"] > 0

        def progress(done: int, total: int) -> None:
            if not verbose:
                return
            filled = BAR_WIDTH * done // max(total, 1)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
            self.stdout.flush()

        indexed = rebuild_index(batch_size=max(options["batch_size"], 1), progress=progress)
        if verbose:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {indexed} posts in {time.monotonic() - started:.1f} s.")
        )
