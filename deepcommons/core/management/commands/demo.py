"""Load the bilingual demo community once; running it again changes nothing.

Each app may have a `demo.py` with `build(stdout) -> None`; they run in
INSTALLED_APPS order, so an app's demo can use the users and spaces of the
apps before it.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from deepcommons.core.models import DemoState


class Command(BaseCommand):
    help = "Load the demo community (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Rebuild even if loaded.")

    def handle(self, *args: Any, **options: Any) -> None:
        state, _ = DemoState.objects.get_or_create(pk=1)
        if state.loaded_at and not options["force"]:
            self.stdout.write("Demo data already loaded.")
        else:
            with transaction.atomic():
                for config in apps.get_app_configs():
                    if not config.name.startswith("deepcommons."):
                        continue
                    try:
                        module = importlib.import_module(f"{config.name}.demo")
                    except ModuleNotFoundError as exc:
                        if exc.name != f"{config.name}.demo":
                            raise
                        continue
                    self.stdout.write(f"Demo: {config.label}…")
                    module.build(self.stdout)
                state.mark_loaded()
        from deepcommons.accounts.demo import ADMIN_PASSWORD, ADMIN_USERNAME

        self.stdout.write(
            self.style.SUCCESS(
                "\nDeepCommons demo is ready at http://127.0.0.1:8000/\n"
                f"  admin login: {ADMIN_USERNAME} / {ADMIN_PASSWORD}  (staff; /admin/)\n"
                "  every demo member's password is the same, e.g. li_wei / "
                f"{ADMIN_PASSWORD}\n"
            )
        )
