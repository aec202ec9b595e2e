"""Run the database task worker under a stable id, picking up what a crash left.

`manage.py db_worker` (django-tasks-db) gives each run a random id, and a
task it was running when the process died stays RUNNING for ever. This
command uses a stable id per worker slot (``--worker-id``, default the host
name plus ``-1``): on start, tasks still RUNNING under that id belong to a
dead run of this same slot, so they are made READY again and run once more.
Tasks are written to be safe to re-run (digests lock and mark their own
delivery rows), so a restart loses nothing and sends nothing twice.
"""

from __future__ import annotations

import socket
from typing import Any

from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.models import DBTaskResult


def requeue_orphans(*, worker_id: str) -> int:
    """Make tasks left RUNNING by a dead run of `worker_id` READY again; returns how many."""
    orphans = [
        result.pk
        for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "pk", "worker_ids"
        )
        if result.worker_ids and result.worker_ids[-1] == worker_id
    ]
    if not orphans:
        return 0
    return DBTaskResult.objects.filter(pk__in=orphans, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )


class Command(DbWorkerCommand):
    help = "Run tasks from the database queue; re-run what a crash of this worker left."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        for action in parser._actions:
            if action.dest == "worker_id":
                action.default = f"{socket.gethostname()}-1"[:64]
                action.help = "Stable id of this worker slot (default: host name + '-1')."

    def handle(self, *args: Any, **options: Any) -> None:
        count = requeue_orphans(worker_id=options["worker_id"])
        if count:
            self.stdout.write(f"Re-queued {count} task(s) left running by a previous run.")
        super().handle(*args, **options)
