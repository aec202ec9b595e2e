"""Send saved job alerts: each new matching job once per alert, by notification and email.

Run it from cron, e.g. every 15 minutes:
    */15 * * * * cd /srv/deepcommons && .venv/bin/python manage.py send_job_alerts
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from deepcommons.careers.services import expire_jobs, send_job_alerts
from deepcommons.careers.tasks import send_job_alerts_task


class Command(BaseCommand):
    help = "Mark expired jobs and send job alerts (each job once per alert)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue", action="store_true", help="Queue the work for the task worker instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            send_job_alerts_task.enqueue()
            self.stdout.write("Queued.")
            return
        expired = expire_jobs()
        sent = send_job_alerts()
        self.stdout.write(f"{expired} jobs expired, {sent} alert notifications sent.")
