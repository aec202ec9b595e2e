"""`manage.py reputation recompute [--check]`: rebuild totals from the ledger.
`manage.py reputation badges [slug …]`: award the badges newly earned."""

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
        for name, what in (
            ("trust", "Recompute every member's trust level (nightly)."),
            ("bounties", "Award or expire the bounties past their grace period (nightly)."),
        ):
            nightly = sub.add_parser(name, help=what)
            nightly.add_argument(
                "--queue", action="store_true", help="Queue it as a background task instead."
            )

        badges = sub.add_parser("badges", help="Award every badge newly earned (idempotent).")
        badges.add_argument("slugs", nargs="*", help="Only these badges (default: all).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] in ("trust", "bounties"):
            self._nightly(options["action"], queue=options["queue"])
            return
        if options["action"] == "badges":
            from deepcommons.reputation.services.badges import award_badges

            try:
                awarded = award_badges(badges=options["slugs"] or None)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"{awarded} badges awarded.")
            return
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

    def _nightly(self, action: str, *, queue: bool) -> None:
        from deepcommons.reputation import tasks
        from deepcommons.reputation.services.bounties import award_expired_bounties
        from deepcommons.reputation.services.trust import compute_trust_levels

        if action == "trust":
            if queue:
                tasks.compute_trust_levels_task.enqueue()
                self.stdout.write("Trust levels queued.")
                return
            moved = compute_trust_levels()
            summary = ", ".join(f"{n} to level {level}" for level, n in sorted(moved.items()))
            self.stdout.write(f"Trust levels: {summary or 'no change'}.")
        else:
            if queue:
                tasks.award_expired_bounties_task.enqueue()
                self.stdout.write("Bounties queued.")
                return
            counts = award_expired_bounties()
            self.stdout.write(
                f"Bounties: {counts['awarded']} awarded, {counts['expired']} expired."
            )
