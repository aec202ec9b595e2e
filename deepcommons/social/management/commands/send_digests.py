from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from deepcommons.social.services.digests import PERIODS, queue_digests


class Command(BaseCommand):
    help = (
        "Queue this period's digest emails (run daily and weekly from cron). "
        "Safe to run again: sent digests are never sent twice, unsent ones are re-queued."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", choices=list(PERIODS), default="daily")

    def handle(self, *args: Any, period: str, **options: Any) -> None:
        queued = queue_digests(period=period)
        self.stdout.write(f"{queued} {period} digest(s) queued")
