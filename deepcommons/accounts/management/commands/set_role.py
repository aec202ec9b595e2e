"""Give a user a role: manage.py set_role alice moderator"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role


class Command(BaseCommand):
    help = "Set USERNAME's role to member, operator, moderator or administrator."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=["member", "operator", "moderator", "administrator"])

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.by_username(options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        set_role(user=user, role=options["role"])
        self.stdout.write(f"{user.username} is now {options['role']}.")
