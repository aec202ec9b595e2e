"""`manage.py detect_serial_votes`: reverse serial votes (run nightly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from deepcommons.accounts.models import User
from deepcommons.moderation.abuse import serial_votes


class Command(BaseCommand):
    help = "Find members who cast many votes on one other member's posts and reverse them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=serial_votes.default_days())
        parser.add_argument("--threshold", type=int, default=serial_votes.default_threshold())
        parser.add_argument("--window-hours", type=int, default=serial_votes.default_window_hours())

    def handle(
        self, *args: Any, days: int, threshold: int, window_hours: int, **options: Any
    ) -> None:
        pairs = serial_votes.reverse_serial_votes(
            days=days, threshold=threshold, window_hours=window_hours
        )
        names = dict(
            User.objects.filter(
                pk__in={p.voter_id for p in pairs} | {p.author_id for p in pairs}
            ).values_list("pk", "username")
        )
        for pair in pairs:
            self.stdout.write(
                f"@{names[pair.voter_id]} → @{names[pair.author_id]}: "
                f"{pair.reversed_votes} votes reversed, {pair.reputation_reversed} reputation"
            )
        self.stdout.write(f"{len(pairs)} serial voters found.")
