"""Background work of the console: the snapshot recompute (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def recompute_snapshots_task(run_id: int) -> int:
    """Run the recompute that `services.request_recompute` queued as `run_id`."""
    from deepcommons.ops.models import SnapshotRun
    from deepcommons.ops.services import recompute_snapshots

    run = SnapshotRun.objects.filter(pk=run_id).first()
    if run is None or run.is_finished:
        return 0
    return recompute_snapshots(run=run)
