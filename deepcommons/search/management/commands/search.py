"""manage.py search "query" [--sort newest] [--limit 10] [--json]: the top results."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.html import strip_tags

from deepcommons.search.backends.base import SORTS
from deepcommons.search.results import MAX_PER_PAGE, search_posts


class Command(BaseCommand):
    help = "Print the top search results for a query (same syntax as the search box)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", help='e.g. "nan loss [pytorch] is:question"')
        parser.add_argument("--sort", choices=SORTS, default="relevance")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        limit = min(max(options["limit"], 1), MAX_PER_PAGE)
        results = search_posts(q=options["query"], sort=options["sort"], per_page=limit)
        rows = [
            {
                "id": hit.post.pk,
                "kind": hit.post.kind,
                "title": strip_tags(hit.title_html),
                "score": hit.post.score,
                "url": hit.post.get_absolute_url(),
                "snippet": strip_tags(hit.snippet_html),
            }
            for hit in results.hits
        ]
        if options["json"]:
            payload = {"query": options["query"], "total": results.total, "results": rows}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{results.total} result(s)")
        for row in rows:
            self.stdout.write(
                f"{row['id']:>8}  {row['kind']:<10} {row['score']:>5}  {row['title']}"
            )
