"""Recomputing snapshots: idempotent, crash-safe, one run at a time, from the button too."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from deepcommons.analytics.tests.factories import ActivityEventFactory
from deepcommons.ops.models import RunStatus, Snapshot, SnapshotRun
from deepcommons.ops.services import recompute_snapshots, request_recompute
from deepcommons.ops.snapshots import overview

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity() -> None:
    ActivityEventFactory.create_batch(3)


def test_recomputing_twice_leaves_one_row_per_page_and_scope_with_the_same_data(
    activity: None,
) -> None:
    recompute_snapshots(names=["overview"])
    first = Snapshot.objects.get(name="overview", scope="")
    recompute_snapshots(names=["overview"])
    assert Snapshot.objects.filter(name="overview", scope="").count() == 1
    second = Snapshot.objects.get(name="overview", scope="")
    assert second.data == first.data
    assert second.computed_at >= first.computed_at


def test_a_crash_half_way_keeps_the_old_snapshot_and_fails_the_run(
    activity: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    recompute_snapshots(names=["overview"])
    before = Snapshot.objects.get(name="overview", scope="")

    def crash(*_args: Any) -> dict[str, Any]:
        raise MemoryError("killed")

    monkeypatch.setattr(overview, "compute", crash)
    run = SnapshotRun.objects.create()
    with pytest.raises(MemoryError):
        recompute_snapshots(run=run, names=["overview"])
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "killed" in run.error
    after = Snapshot.objects.get(name="overview", scope="")
    assert (after.data, after.computed_at) == (before.data, before.computed_at)


def test_a_page_the_data_cannot_support_stores_the_reason() -> None:
    recompute_snapshots(names=["overview"])
    snapshot = Snapshot.objects.get(name="overview", scope="")
    assert snapshot.data == {"reason": "there is no activity here yet"}


def test_a_second_request_while_one_runs_returns_the_running_one(operator: Any) -> None:
    running = SnapshotRun.objects.create(status=RunStatus.RUNNING)
    assert request_recompute(by=operator) == running


def test_the_button_runs_the_recompute_and_shows_it_finished(
    activity: None, operator_client: Client
) -> None:
    response = operator_client.post("/ops/recompute/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    run = SnapshotRun.objects.get()
    # Tasks run at once under pytest, so the run is over when the answer comes.
    assert run.status == RunStatus.DONE
    assert run.step == run.total > 0
    assert Snapshot.objects.filter(name="overview").exists()
    progress = operator_client.get(f"/ops/runs/{run.pk}/")
    assert "Recompute now" in progress.content.decode()


def test_the_button_is_not_for_members(role_clients: dict[str, Client | None]) -> None:
    for client in role_clients.values():
        response = (client or Client()).post("/ops/recompute/")
        assert response.status_code == 404
    assert not SnapshotRun.objects.exists()


def test_the_nightly_command_computes_every_page(activity: None) -> None:
    call_command("ops", "snapshots", verbosity=0)
    assert Snapshot.objects.filter(name="overview", scope="").exists()
    assert SnapshotRun.objects.get().status == RunStatus.DONE
