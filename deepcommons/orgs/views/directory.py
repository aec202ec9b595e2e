"""The organisation directory and the New organisation page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.forms import add_service_errors
from deepcommons.core.pagecache import cache_anonymous
from deepcommons.core.pagination import page_or_first
from deepcommons.orgs import services
from deepcommons.orgs.forms import OrgFilterForm, OrgForm
from deepcommons.orgs.models import Organisation

PER_PAGE = 30


@cache_anonymous
def org_list(request: HttpRequest) -> HttpResponse:
    """Every organisation by English name, with kind, verified and name filters."""
    form = OrgFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    orgs = Organisation.objects.filtered(**filters)
    page = page_or_first(
        orgs,
        field="name_en",
        cursor=request.GET.get("cursor", ""),
        per_page=PER_PAGE,
        descending=False,
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        "orgs/org_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def org_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OrgForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            values = form.values()
            org = services.create_org(
                by=request.user, slug=values["slug"], data=services.org_input_from(values)
            )
            if values.get("logo_upload"):
                services.set_logo(org=org, by=request.user, upload=values["logo_upload"])
        except ValidationError as error:
            add_service_errors(form, error)  # type: ignore[arg-type]
        except PermissionDenied as denied:
            if not str(denied):
                raise
            form.add_error(None, str(denied))
        else:
            return redirect(org.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/org_form.html", {"form": form, "org": None}, status=status)
