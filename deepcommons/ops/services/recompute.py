"""Recompute the console's snapshots: nightly (`manage.py ops snapshots`) or on demand.

Every page is computed in memory first and then written in one short
transaction per (page, scope): the old row stays visible until the new one
replaces it, and a task killed half-way leaves each snapshot either old or
new, never half-written. Progress is written to the `SnapshotRun` row after
each step, outside those transactions, so the page polling it sees it move.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.ops.models import RunStatus, Snapshot, SnapshotRun
from deepcommons.ops.snapshots import all_page_modules
from deepcommons.ops.snapshots.inputs import Inputs, load_inputs

logger = logging.getLogger(__name__)

#: An unfinished run older than this is taken for dead (its worker was killed).
STALE_AFTER = timedelta(hours=2)

#: Stored instead of data when a page cannot be computed on the data.
REASON_KEY = "reason"


def space_scope(slug: str) -> str:
    return f"space:{slug}"


def _plan(inputs: Inputs, names: list[str] | None) -> list[tuple[Any, int | None, str]]:
    """(page module, space id or None, scope) for every snapshot to compute."""
    plan: list[tuple[Any, int | None, str]] = []
    for module in all_page_modules():
        if names and module.NAME not in names:
            continue
        plan.append((module, None, ""))
        if module.PER_SPACE:
            spaces = zip(inputs.spaces["space_id"], inputs.spaces["slug"], strict=True)
            for space_id, slug in spaces:
                plan.append((module, int(space_id), space_scope(slug)))
    return plan


def _save(name: str, scope: str, data: dict[str, Any], seconds: float) -> None:
    with transaction.atomic():
        Snapshot.objects.update_or_create(
            name=name,
            scope=scope,
            defaults={"data": data, "computed_at": timezone.now(), "duration_seconds": seconds},
        )


def _progress(run: SnapshotRun | None, step: int, total: int, message: str) -> None:
    if run is None:
        return
    run.step, run.total, run.message = step, total, message[:200]
    run.save(update_fields=["step", "total", "message"])


def recompute_snapshots(
    *,
    run: SnapshotRun | None = None,
    names: list[str] | None = None,
    inputs: Inputs | None = None,
    on_step: Callable[[int, int, str], None] | None = None,
) -> int:
    """Compute and store every page's snapshots (or those in `names`); returns how many.

    A page whose data cannot support it stores `{"reason": …}`; any other
    error fails the run (the snapshots already written stay, the rest keep
    their previous version) and is re-raised.
    """
    if run is not None:
        run.status, run.started_at = RunStatus.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])
    try:
        inputs = inputs if inputs is not None else load_inputs()
        plan = _plan(inputs, names)
        for step, (module, space_id, scope) in enumerate(plan):
            label = f"{module.NAME} {scope}".strip()
            _progress(run, step, len(plan), label)
            if on_step is not None:
                on_step(step, len(plan), label)
            started = time.perf_counter()
            try:
                data = module.compute(inputs, space_id)
            except ValueError as exc:
                data = {REASON_KEY: str(exc)}
            _save(module.NAME, scope, data, time.perf_counter() - started)
        _progress(run, len(plan), len(plan), "")
    except Exception as exc:
        logger.exception("snapshot recompute failed")
        if run is not None:
            run.status, run.error, run.finished_at = RunStatus.FAILED, str(exc), timezone.now()
            run.save(update_fields=["status", "error", "finished_at"])
        raise
    if run is not None:
        run.status, run.finished_at = RunStatus.DONE, timezone.now()
        run.save(update_fields=["status", "finished_at"])
    return len(plan)


def request_recompute(*, by: User | None) -> SnapshotRun:
    """Queue a recompute unless one is already queued or running; returns that run."""
    from deepcommons.ops.tasks import recompute_snapshots_task
    from deepcommons.social.tasks import enqueue

    with transaction.atomic():
        # A worker killed mid-run never marks its run finished: after
        # STALE_AFTER it no longer blocks a new one.
        SnapshotRun.objects.unfinished().filter(created_at__lt=timezone.now() - STALE_AFTER).update(
            status=RunStatus.FAILED, error="abandoned", finished_at=timezone.now()
        )
        existing = SnapshotRun.objects.select_for_update().unfinished().latest_first().first()
        if existing is not None:
            return existing
        run = SnapshotRun.objects.create(requested_by=by)
        enqueue(recompute_snapshots_task, run.pk)
    return run
