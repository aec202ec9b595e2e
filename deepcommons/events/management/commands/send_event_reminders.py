"""Send the day-before and hour-before reminders that are due.

Run it from cron every few minutes (docs/events.md):

    */5 * * * * cd /srv/deepcommons && .venv/bin/python manage.py send_event_reminders

Each reminder is claimed by a unique row before it is sent, so overlapping
or repeated runs send it once.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from deepcommons.events.services import send_due_reminders


class Command(BaseCommand):
    help = "Send due event reminders (a day and an hour before), each exactly once."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders()
        self.stdout.write(f"Sent {sent} event reminder(s).")
