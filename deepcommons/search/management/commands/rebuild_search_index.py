"""manage.py rebuild_search_index: re-create the search index from the posts."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deepcommons.search import semantic
from deepcommons.search.services import embed_all_questions, rebuild_index

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from all posts, and the question "
        "embeddings when semantic search is available."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--embeddings-only",
            action="store_true",
            help="Only re-embed the questions (after installing the semantic extra).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] > 0
        batch_size = max(options["batch_size"], 1)

        def progress(done: int, total: int) -> None:
            if not verbose:
                return
            filled = BAR_WIDTH * done // max(total, 1)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
            self.stdout.flush()

        def report(message: str, started: float) -> None:
            if verbose:
                self.stdout.write("")
            seconds = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"{message} in {seconds:.1f} s."))

        if not options["embeddings_only"]:
            started = time.monotonic()
            indexed = rebuild_index(batch_size=batch_size, progress=progress)
            report(f"Indexed {indexed} posts", started)
        if semantic.is_available():
            started = time.monotonic()
            embedded = embed_all_questions(batch_size=min(batch_size, 256), progress=progress)
            report(f"Embedded {embedded} questions", started)
        elif options["embeddings_only"]:
            raise CommandError(
                "Semantic search is not available: install it with `make semantic` "
                "(and leave SEARCH_SEMANTIC on)."
            )
