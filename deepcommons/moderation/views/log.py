from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.pagination import page_or_first
from deepcommons.moderation.forms import LogFilterForm
from deepcommons.moderation.models import AuditEntry
from deepcommons.moderation.views.common import require_moderator

PAGE_SIZE = 50


@login_required
@require_GET
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every moderator action, newest first, filtered by action, moderator, target and dates."""
    require_moderator(request)
    form = LogFilterForm(request.GET or None)
    entries = AuditEntry.objects.for_browsing()
    if form.is_valid():
        data = form.cleaned_data
        entries = entries.filtered(
            action=data["action"],
            actor=data["actor"].strip(),
            target_type=data["target_type"],
            since=data["since"],
            until=data["until"],
        )
    page = page_or_first(
        entries, field="created_at", cursor=request.GET.get("cursor", ""), per_page=PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        "moderation/audit_log.html",
        {
            "form": form,
            "entries": page.items,
            "next_cursor": page.next_cursor,
            "filters": query.urlencode(),
        },
    )
