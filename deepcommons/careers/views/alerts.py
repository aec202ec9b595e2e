"""Saved job alerts: save the current search, list and delete them."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.careers import services
from deepcommons.careers.filters import describe_filters
from deepcommons.careers.models import JobAlert


@login_required
def alert_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The member's alerts; a POST saves the search given in `query`."""
    errors: list[str] = []
    if request.method == "POST":
        query = QueryDict(request.POST.get("query", ""))
        try:
            services.save_alert(
                user=request.user, name=request.POST.get("name", ""), filters=query.dict()
            )
        except ValidationError as error:
            errors = error.messages
        else:
            flash.success(request, _("Alert saved: new matching jobs will be sent to you."))
            return redirect("careers:alert-list")
    alerts = [
        (alert, describe_filters(alert.filters))
        for alert in JobAlert.objects.filter(user=request.user)
    ]
    return render(
        request,
        "careers/alert_list.html",
        {"alerts": alerts, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
@require_POST
def alert_delete(request: AuthenticatedHttpRequest, alert_id: int) -> HttpResponse:
    alert = get_object_or_404(JobAlert, pk=alert_id, user=request.user)
    services.delete_alert(alert=alert, by=request.user)
    flash.success(request, _("Alert deleted."))
    return redirect("careers:alert-list")
