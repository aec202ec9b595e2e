"""Add the buffered view counts to the posts (run from cron; see posts.viewcounts)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from deepcommons.posts.viewcounts import flush_view_counts


class Command(BaseCommand):
    help = "Write buffered view counts to the database."

    def handle(self, *args: Any, **options: Any) -> None:
        written = flush_view_counts()
        self.stdout.write(f"{written} views written.")
