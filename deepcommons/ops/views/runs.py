"""The "Recompute now" button and the progress it shows while the task runs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.htmx import is_htmx
from deepcommons.ops.models import SnapshotRun
from deepcommons.ops.services import request_recompute
from deepcommons.ops.views.common import operator_required

TEMPLATE = "ops/base.html#run-progress"


@require_POST
@operator_required
def recompute(request: AuthenticatedHttpRequest) -> HttpResponse:
    run = request_recompute(by=request.user)
    if is_htmx(request):
        return render(request, TEMPLATE, {"run": run})
    return redirect(request.POST.get("next") or "ops:overview")


@operator_required
def run_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(SnapshotRun, pk=run_id)
    return render(request, TEMPLATE, {"run": run})
