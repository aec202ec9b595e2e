"""An organisation's tabs (about, posts, members) and its settings page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.forms import add_service_errors
from deepcommons.core.pagecache import cache_anonymous
from deepcommons.core.pagination import page_or_first
from deepcommons.orgs import services
from deepcommons.orgs.forms import InviteForm, OrgForm
from deepcommons.orgs.models import Organisation, OrgInvitation, OrgMembership, OrgPost, OrgRole
from deepcommons.orgs.views.common import load_org, managed_org, org_context
from deepcommons.social.models import Follow

POSTS_PER_PAGE = 20
ROLE_ORDER = {OrgRole.OWNER: 0, OrgRole.ADMIN: 1, OrgRole.RECRUITER: 2, OrgRole.MEMBER: 3}


def _with_follow(request: HttpRequest, context: dict[str, object]) -> dict[str, object]:
    context["is_following"] = Follow.objects.is_following(user=request.user, target=context["org"])  # type: ignore[arg-type]
    return context


@cache_anonymous
def org_detail(request: HttpRequest, org_slug: str) -> HttpResponse:
    """The About tab: description, links, locations, size, the latest posts."""
    org = load_org(org_slug)
    context = _with_follow(request, org_context(request, org, "about"))
    context["latest_posts"] = list(OrgPost.objects.live().filter(org=org)[:3])
    context["member_count"] = OrgMembership.objects.filter(org=org).count()
    return render(request, "orgs/org_detail.html", context)


@cache_anonymous
def org_posts(request: HttpRequest, org_slug: str) -> HttpResponse:
    org = load_org(org_slug)
    context = _with_follow(request, org_context(request, org, "posts"))
    context["page"] = page_or_first(
        OrgPost.objects.live().filter(org=org),
        field="created_at",
        cursor=request.GET.get("cursor", ""),
        per_page=POSTS_PER_PAGE,
    )
    for post in context["page"].items:  # type: ignore[attr-defined]
        post.org = org
    return render(request, "orgs/org_posts.html", context)


def org_members(request: HttpRequest, org_slug: str) -> HttpResponse:
    """Members by role; managers also get the invite form and pending invitations."""
    org = load_org(org_slug)
    return members_page(request, org)


def members_page(
    request: HttpRequest,
    org: Organisation,
    invite_form: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _with_follow(request, org_context(request, org, "members"))
    members = list(OrgMembership.objects.filter(org=org).select_related("user"))
    members.sort(key=lambda m: (ROLE_ORDER.get(m.role, 9), m.user.username.lower()))  # type: ignore[call-overload]
    context["members"] = members
    if context["can_manage"]:
        context["invitations"] = list(
            OrgInvitation.objects.pending()
            .filter(org=org)
            .select_related("user")
            .order_by("-created_at")
        )
        may_grant_owner = org.may_grant_owner(request.user)
        context["may_grant_owner"] = may_grant_owner
        # Admins neither make nor touch owners, so they are not offered it.
        context["role_choices"] = [
            (value, label)
            for value, label in OrgRole.choices
            if may_grant_owner or value != OrgRole.OWNER
        ]
        form = invite_form or InviteForm()
        form.fields["role"].choices = context["role_choices"]  # type: ignore[attr-defined]
        context["invite_form"] = form
    return render(request, "orgs/org_members.html", context, status=status)


@login_required
def org_edit(request: AuthenticatedHttpRequest, org_slug: str) -> HttpResponse:
    org = managed_org(request, org_slug)
    form = OrgForm(request.POST or None, request.FILES or None, instance=org, editing=True)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            with transaction.atomic():
                services.update_org(org=org, by=request.user, data=services.org_input_from(values))
                if values.get("logo_upload"):
                    services.set_logo(org=org, by=request.user, upload=values["logo_upload"])
                elif request.POST.get("remove_logo"):
                    services.remove_logo(org=org, by=request.user)
        except ValidationError as error:
            org.refresh_from_db()
            add_service_errors(form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, _("Saved."))
            return redirect(org.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/org_form.html", {"form": form, "org": org}, status=status)
