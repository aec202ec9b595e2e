from __future__ import annotations

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from deepcommons.core.management.commands.worker import requeue_orphans


def _task(status: str, worker_ids: list[str]) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="x.y",
        worker_ids=worker_ids,
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
    )


@pytest.mark.django_db
def test_only_tasks_left_running_by_this_slot_are_requeued() -> None:
    mine = _task(TaskResultStatus.RUNNING, ["slot-2", "slot-1"])
    other = _task(TaskResultStatus.RUNNING, ["slot-1", "slot-2"])
    done = _task(TaskResultStatus.SUCCESSFUL, ["slot-1"])
    assert requeue_orphans(worker_id="slot-1") == 1
    mine.refresh_from_db()
    other.refresh_from_db()
    done.refresh_from_db()
    assert mine.status == TaskResultStatus.READY and mine.started_at is None
    assert other.status == TaskResultStatus.RUNNING
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert requeue_orphans(worker_id="slot-1") == 0
