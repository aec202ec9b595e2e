"""Inviting, changing roles, removing and leaving; the invitee's invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.core.forms import add_service_errors
from deepcommons.orgs import services
from deepcommons.orgs.forms import InviteForm, RoleForm
from deepcommons.orgs.models import OrgInvitation
from deepcommons.orgs.views.common import load_org, managed_org
from deepcommons.orgs.views.pages import members_page


def _members_url(org_slug: str) -> str:
    return reverse("orgs:org-members", kwargs={"org_slug": org_slug})


def _refused(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _denied(request: AuthenticatedHttpRequest, denied: PermissionDenied) -> HttpResponse:
    """A forbidden step: 403, saying why when the service said."""
    if not str(denied):
        raise denied
    messages.error(request, str(denied))
    return render(request, "403.html", status=403)


@login_required
@require_POST
def member_invite(request: AuthenticatedHttpRequest, org_slug: str) -> HttpResponse:
    org = managed_org(request, org_slug)
    form = InviteForm(request.POST)
    if form.is_valid():
        invitee = User.objects.active().by_username(form.cleaned_data["username"]).first()
        if invitee is None:
            form.add_error("username", _("There is no active member with this username."))
        else:
            try:
                services.invite_member(
                    org=org, by=request.user, user=invitee, role=form.cleaned_data["role"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as denied:
                form.add_error("role", str(denied) or _("You may not do this."))
            else:
                messages.success(request, _("%(name)s is invited.") % {"name": invitee.name})
                return redirect(_members_url(org.slug))
    return members_page(request, org, invite_form=form, status=400)


@login_required
@require_POST
def member_role(request: AuthenticatedHttpRequest, org_slug: str, user_id: int) -> HttpResponse:
    org = managed_org(request, org_slug)
    member = get_object_or_404(User, pk=user_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect(_members_url(org.slug))
    try:
        services.change_role(org=org, by=request.user, user=member, role=form.cleaned_data["role"])
    except ValidationError as error:
        _refused(request, error)
    except PermissionDenied as denied:
        return _denied(request, denied)
    else:
        messages.success(request, _("The role is changed."))
    return redirect(_members_url(org.slug))


@login_required
@require_POST
def member_remove(request: AuthenticatedHttpRequest, org_slug: str, user_id: int) -> HttpResponse:
    org = load_org(org_slug)
    member = get_object_or_404(User, pk=user_id)
    if member.pk != request.user.pk and not org.can_manage(request.user):
        raise PermissionDenied
    try:
        services.remove_member(org=org, by=request.user, user=member)
    except ValidationError as error:
        _refused(request, error)
        return redirect(_members_url(org.slug))
    except PermissionDenied as denied:
        return _denied(request, denied)
    if member.pk == request.user.pk:
        messages.success(request, _("You left %(org)s.") % {"org": org.name})
        return redirect(org.get_absolute_url())
    messages.success(request, _("%(name)s is removed.") % {"name": member.name})
    return redirect(_members_url(org.slug))


@login_required
@require_POST
def org_leave(request: AuthenticatedHttpRequest, org_slug: str) -> HttpResponse:
    org = load_org(org_slug)
    if org.role_of(request.user) is None:
        raise Http404
    try:
        services.leave_org(org=org, user=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect(_members_url(org.slug))
    messages.success(request, _("You left %(org)s.") % {"org": org.name})
    return redirect(org.get_absolute_url())


@login_required
@require_POST
def invitation_cancel(
    request: AuthenticatedHttpRequest, org_slug: str, invitation_id: int
) -> HttpResponse:
    org = managed_org(request, org_slug)
    invitation = get_object_or_404(OrgInvitation.objects.pending(), org=org, pk=invitation_id)
    invitation.org = org
    services.cancel_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation is withdrawn."))
    return redirect(_members_url(org.slug))


@login_required
def invitation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in member's open invitations."""
    invitations = list(
        OrgInvitation.objects.pending()
        .filter(user=request.user)
        .select_related("org", "invited_by")
        .order_by("-created_at")
    )
    return render(request, "orgs/invitation_list.html", {"invitations": invitations})


def _own_invitation(request: AuthenticatedHttpRequest, invitation_id: int) -> OrgInvitation:
    # Someone else's invitation does not exist for this member.
    return get_object_or_404(
        OrgInvitation.objects.pending().select_related("org"),
        pk=invitation_id,
        user=request.user,
    )


@login_required
@require_POST
def invitation_accept(request: AuthenticatedHttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _own_invitation(request, invitation_id)
    try:
        services.accept_invitation(invitation=invitation, by=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect("orgs:invitation-list")
    messages.success(request, _("Welcome to %(org)s.") % {"org": invitation.org.name})
    return redirect(invitation.org.get_absolute_url())


@login_required
@require_POST
def invitation_decline(request: AuthenticatedHttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _own_invitation(request, invitation_id)
    try:
        services.decline_invitation(invitation=invitation, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The invitation is declined."))
    return redirect("orgs:invitation-list")
