"""The follow button of an organisation (htmx swaps the box)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.htmx import is_htmx
from deepcommons.orgs import services
from deepcommons.orgs.views.common import load_org


@login_required
@require_POST
def org_follow(request: AuthenticatedHttpRequest, org_slug: str) -> HttpResponse:
    """POST action=follow|unfollow."""
    org = load_org(org_slug)
    if request.POST.get("action") == "unfollow":
        services.unfollow_org(user=request.user, org=org)
        following = False
    else:
        services.follow_org(user=request.user, org=org)
        following = True
    if is_htmx(request):
        return render(request, "orgs/_follow_box.html", {"org": org, "is_following": following})
    return redirect(org.get_absolute_url())
