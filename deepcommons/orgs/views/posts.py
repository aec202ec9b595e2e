"""An organisation's posts: one post's page, publishing and deleting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.forms import add_service_errors
from deepcommons.core.pagecache import cache_anonymous
from deepcommons.orgs import services
from deepcommons.orgs.forms import OrgPostForm
from deepcommons.orgs.models import OrgPromotionPolicy
from deepcommons.orgs.views.common import load_org, load_post, managed_org, org_context


@cache_anonymous
def orgpost_detail(request: HttpRequest, org_slug: str, post_id: int) -> HttpResponse:
    org = load_org(org_slug)
    post = load_post(org, post_id)
    context = org_context(request, org, "posts")
    context["post"] = post
    return render(request, "orgs/orgpost_detail.html", context)


@login_required
def orgpost_create(request: AuthenticatedHttpRequest, org_slug: str) -> HttpResponse:
    org = managed_org(request, org_slug)
    form = OrgPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.publish_org_post(org=org, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as denied:
            if not str(denied):
                raise
            form.add_error(None, str(denied))
        else:
            messages.success(request, _("Published."))
            return redirect(post.get_absolute_url())
    context = org_context(request, org, "posts")
    context.update(
        form=form,
        sponsored_left=services.sponsored_left(org),
        policy=OrgPromotionPolicy.current(),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/orgpost_form.html", context, status=status)


@login_required
@require_POST
def orgpost_delete(request: AuthenticatedHttpRequest, org_slug: str, post_id: int) -> HttpResponse:
    org = managed_org(request, org_slug)
    post = load_post(org, post_id)
    services.delete_org_post(post=post, by=request.user)
    messages.success(request, _("The post is deleted."))
    return redirect(reverse("orgs:org-posts", kwargs={"org_slug": org.slug}))
