"""Print a new personal API token for a user: manage.py create_api_token alice"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from deepcommons.accounts.models import User
from deepcommons.accounts.services import create_api_token


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME and print it (shown once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.active().by_username(options["username"]).first()
        if user is None:
            raise CommandError(f"No active user named {options['username']!r}.")
        _token, key = create_api_token(user=user, name=options["name"])
        self.stdout.write(key)
