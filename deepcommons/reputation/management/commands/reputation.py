"""`manage.py reputation recompute [--check]`: rebuild totals from the ledger."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deepcommons.reputation.services import recompute_totals


class Command(BaseCommand):
    help = "Reputation maintenance: `recompute` rebuilds every total from the ledger."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        recompute = sub.add_parser("recompute", help="Rebuild totals and report differences.")
        recompute.add_argument(
            "--check",
            action="store_true",
            help="Only report differences; exit 1 if there are any.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "recompute":  # pragma: no cover - argparse refuses it
            raise CommandError("unknown action")
        differences = recompute_totals(fix=not options["check"])
        for diff in differences[:50]:
            self.stdout.write(
                f"{diff.username}: cached {diff.cached}, ledger {diff.ledger} "
                f"({diff.ledger - diff.cached:+d})"
            )
        if len(differences) > 50:
            self.stdout.write(f"… and {len(differences) - 50} more")
        verb = "differ" if options["check"] else "fixed"
        self.stdout.write(f"{len(differences)} totals {verb}.")
        if options["check"] and differences:
            raise CommandError(f"{len(differences)} totals differ from the ledger")
