"""Load the bilingual demo community once; running it again changes nothing.

Each app registers a `build(stdout) -> None` with
`core.demo.register_demo_builder` in its `AppConfig.ready()`; they run in
their registered order (accounts, social, spaces, posts, analytics), so an app's demo
can use the members and spaces of the builders before it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from deepcommons.core.demo import demo_builders
from deepcommons.core.models import DemoState


class Command(BaseCommand):
    help = "Load the demo community (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Rebuild even if loaded.")

    def handle(self, *args: Any, **options: Any) -> None:
        builders = demo_builders()
        state, _ = DemoState.objects.get_or_create(pk=1)
        if state.loaded_at and not options["force"]:
            self.stdout.write("Demo data already loaded.")
        else:
            with transaction.atomic():
                for builder in builders:
                    self.stdout.write(f"Demo: {builder.label}…")
                    builder.build(self.stdout)
                state.mark_loaded()
        notes = "".join(f"  {line}\n" for b in builders for line in b.note().splitlines())
        self.stdout.write(
            self.style.SUCCESS(f"\nDeepCommons demo is ready at {settings.SITE_URL}/\n{notes}")
        )
