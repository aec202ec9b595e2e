"""The operations console as JSON: `/api/v1/ops/<page>`, for operators only.

Each route answers what its console page shows, from the same snapshot and
the same page builder (`ops.views.common.page_payload`): the snapshot's data,
its charts in the form the page's JavaScript draws, and any message about
the request (an unknown space, a corrected date range). The query
parameters are the page's (`space`, `start`, `end`, `post`, `community`,
…). Anyone who is not an operator gets a 404, as on the pages.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from deepcommons.api.schemas import ErrorOut
from deepcommons.ops.models import SnapshotRun
from deepcommons.ops.services import request_recompute
from deepcommons.ops.views.common import is_operator, page_payload

router = Router(tags=["ops"])


class PageOut(Schema):
    page: str
    space: str | None
    computed_at: str | None
    duration_seconds: float | None
    reason: str
    messages: list[str]
    charts: list[dict[str, Any]]
    data: dict[str, Any]


class RunOut(Schema):
    id: int
    status: str
    step: int
    total: int
    message: str
    error: str


def _page(request: HttpRequest, name: str) -> dict[str, Any]:
    if not is_operator(request.user):
        raise Http404
    return page_payload(request, name)


PAGE = {200: PageOut, 401: ErrorOut, 404: ErrorOut}


@router.get("/ops/overview", response=PAGE)
def ops_overview(request: HttpRequest) -> dict[str, Any]:
    """Active members, registrations, posts and answers; `space`, `start`, `end`."""
    return _page(request, "overview")


@router.get("/ops/growth", response=PAGE)
def ops_growth(request: HttpRequest) -> dict[str, Any]:
    """Registrations and active members with growth-curve fits and a forecast; `space`."""
    return _page(request, "growth")


@router.get("/ops/activity", response=PAGE)
def ops_activity(request: HttpRequest) -> dict[str, Any]:
    """RFM segments and their flows, clusters, cohort retention and churn risk."""
    return _page(request, "activity")


@router.get("/ops/spread", response=PAGE)
def ops_spread(request: HttpRequest) -> dict[str, Any]:
    """How posts spread: SIR and Bass fits, top spreading posts, reach; `post`, `member`."""
    return _page(request, "spread")


@router.get("/ops/network", response=PAGE)
def ops_network(request: HttpRequest) -> dict[str, Any]:
    """Communities, influencers and brokers of the interaction graph; `community`."""
    return _page(request, "network")


@router.get("/ops/health", response=PAGE)
def ops_health(request: HttpRequest) -> dict[str, Any]:
    """Unanswered questions, likely duplicates, flag trends, rising and falling tags."""
    return _page(request, "health")


@router.get("/ops/incentives", response=PAGE)
def ops_incentives(request: HttpRequest) -> dict[str, Any]:
    """Reputation and badge distributions, members near a privilege, leaderboard movement."""
    return _page(request, "incentives")


def _run(run: SnapshotRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "status": run.status,
        "step": run.step,
        "total": run.total,
        "message": run.message,
        "error": run.error,
    }


@router.post("/ops/recompute", response={202: RunOut, 401: ErrorOut, 404: ErrorOut})
def ops_recompute(request: HttpRequest) -> tuple[int, dict[str, Any]]:
    """Queue a recompute of every snapshot (or return the one already running)."""
    if not is_operator(request.user):
        raise Http404
    return 202, _run(request_recompute(by=request.user))  # type: ignore[arg-type]


@router.get("/ops/runs/{run_id}", response={200: RunOut, 401: ErrorOut, 404: ErrorOut})
def ops_run(request: HttpRequest, run_id: int) -> dict[str, Any]:
    """How far a recompute has got."""
    if not is_operator(request.user):
        raise Http404
    run = SnapshotRun.objects.filter(pk=run_id).first()
    if run is None:
        raise Http404
    return _run(run)
