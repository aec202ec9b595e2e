"""`manage.py analytics export|report|prune`: data out, models run, old rows gone.

manage.py analytics export --to DIR [--format csv|parquet]
manage.py analytics report --out report.html [--since YYYY-MM-DD] [--language zh-hans]
manage.py analytics prune [--days N]
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from deepcommons.analytics import frames, services
from deepcommons.analytics.models import retention_days


class Command(BaseCommand):
    help = "Export activity data, write the analytics report, or prune old events."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write events, users and graph edges to a folder.")
        export.add_argument("--to", required=True, type=Path, help="Folder to write into.")
        export.add_argument(
            "--format",
            choices=["csv", "parquet"],
            default="parquet" if frames.parquet_available() else "csv",
            help="csv, or parquet when pyarrow is installed.",
        )
        report = sub.add_parser("report", help="Run every model and write a self-contained HTML.")
        report.add_argument("--out", required=True, type=Path, help="HTML file to write.")
        report.add_argument(
            "--since", help="Only events on or after this date (YYYY-MM-DD); default all."
        )
        report.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the report (default LANGUAGE_CODE).",
        )
        prune = sub.add_parser("prune", help="Delete events older than the retention period.")
        prune.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Keep this many days (default ANALYTICS_RETENTION_DAYS, now {retention_days()}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "export":
            self.export(options["to"], options["format"])
        elif action == "report":
            with translation.override(options["language"]):
                self.report(options["out"], options.get("since"))
        else:
            self.prune(options["days"])

    def export(self, directory: Path, fmt: str) -> None:
        try:
            written = services.export_activity(directory=directory, fmt=fmt)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for name, path in written.items():
            self.stdout.write(f"{name}: {path}")

    def prune(self, days: int | None) -> None:
        try:
            deleted = services.prune_activity(days=days)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        kept = retention_days() if days is None else days
        self.stdout.write(f"Deleted {deleted} events older than {kept} days.")

    def report(self, out: Path, since: str | None) -> None:
        from deepcommons.analytics.report import build_report

        start_time = time.monotonic()
        start: datetime | None = None
        if since:
            try:
                start = timezone.make_aware(datetime.fromisoformat(since))
            except ValueError as exc:
                raise CommandError(f"--since must be a date like 2025-01-31: {exc}") from exc
        self.stdout.write("Loading events…")
        data = frames.load_report_data(since=start)
        if data.events.empty:
            raise CommandError("There are no activity events yet: load the demo or wait for some.")
        document = build_report(data, progress=ProgressBar(self.stdout))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(document, encoding="utf-8")
        elapsed = time.monotonic() - start_time
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {out} ({len(document) // 1024} KiB) in {elapsed:.1f} s.")
        )


class ProgressBar:
    """A one-line text progress bar; redraws in place on a terminal, one line per step otherwise."""

    def __init__(self, stream: Any, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.tty = bool(getattr(getattr(stream, "_out", stream), "isatty", lambda: False)())

    def __call__(self, done: int, total: int, label: str) -> None:
        filled = int(self.width * done / max(total, 1))
        bar = "█" * filled + "·" * (self.width - filled)
        line = f"[{bar}] {done}/{total} {label}"
        if self.tty:
            self.stream.write("\r" + line.ljust(self.width + 40), ending="")
            if done == total:
                self.stream.write("")
            sys.stdout.flush()
        else:
            self.stream.write(line)
