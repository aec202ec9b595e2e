"""Editor helpers for htmx: live preview and draft autosave."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.posts import services
from deepcommons.posts.models import BODY_MAX
from deepcommons.posts.services import render_body


@login_required
@require_POST
def preview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The HTML that publishing would store, from the same renderer."""
    body = request.POST.get("body", "")[:BODY_MAX]
    return render(request, "posts/_preview.html", {"html": render_body(body)})


@login_required
@require_POST
def draft_save(request: AuthenticatedHttpRequest) -> HttpResponse:
    key = request.POST.get("draft_key", "")
    if not key:
        return HttpResponse(status=204)
    draft = services.save_draft(
        user=request.user,
        key=key,
        title=request.POST.get("title", ""),
        body=request.POST.get("body", ""),
    )
    return render(request, "posts/_draft_status.html", {"draft": draft})
