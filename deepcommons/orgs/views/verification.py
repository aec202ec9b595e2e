"""Asking for the verified badge, confirming the emailed link, and the
operators' review page (with the promotion policy)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.forms import add_service_errors
from deepcommons.orgs import services
from deepcommons.orgs.forms import PromotionPolicyForm, VerificationForm
from deepcommons.orgs.models import OrgPromotionPolicy, VerificationRequest
from deepcommons.orgs.services.verification import read_token
from deepcommons.orgs.views.common import managed_org, org_context


@login_required
def org_verify(request: AuthenticatedHttpRequest, org_slug: str) -> HttpResponse:
    """A manager asks for the badge with a work address on the org's domain."""
    org = managed_org(request, org_slug)
    form = VerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_verification(
                org=org,
                by=request.user,
                email=form.cleaned_data["email"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("We sent a link to %(email)s. Open it to confirm the address.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(org.get_absolute_url())
    context = org_context(request, org, "about")
    context["form"] = form
    context["latest_request"] = (
        VerificationRequest.objects.filter(org=org).order_by("-created_at", "-pk").first()
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/org_verify.html", context, status=status)


def verification_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link confirms; POST confirms (link scanners only GET)."""
    error = None
    verification = None
    try:
        verification = read_token(token)
    except ValidationError as refused:
        error = refused.messages[0]
    if verification is not None and request.method == "POST":
        try:
            verification = services.confirm_verification(token=token)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            return render(
                request,
                "orgs/verification_confirm.html",
                {"verification": verification, "done": True},
            )
    return render(
        request,
        "orgs/verification_confirm.html",
        {"verification": verification, "error": error, "token": token},
        status=400 if error else 200,
    )


def _operator(request: HttpRequest) -> None:
    if not getattr(request.user, "is_operator", False):
        raise Http404


@login_required
def verification_review(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Operators: confirmed requests waiting for a decision, and the promotion cap."""
    _operator(request)
    return _review_page(
        request,
        PromotionPolicyForm(
            initial={
                "max_sponsored_per_30_days": OrgPromotionPolicy.current().max_sponsored_per_30_days
            }
        ),
    )


def _review_page(
    request: AuthenticatedHttpRequest, policy_form: PromotionPolicyForm, status: int = 200
) -> HttpResponse:
    waiting = list(
        VerificationRequest.objects.awaiting_review()
        .select_related("org", "requested_by")
        .order_by("confirmed_at", "pk")
    )
    recent = list(
        VerificationRequest.objects.filter(reviewed_by__isnull=False)
        .select_related("org", "reviewed_by")
        .order_by("-reviewed_at")[:20]
    )
    return render(
        request,
        "orgs/verification_review.html",
        {
            "waiting": waiting,
            "recent": recent,
            "policy_form": policy_form,
            "policy": OrgPromotionPolicy.current(),
        },
        status=status,
    )


def _decide(request: AuthenticatedHttpRequest, request_id: int, *, approve: bool) -> HttpResponse:
    if not request.user.is_operator:
        raise PermissionDenied
    verification = get_object_or_404(
        VerificationRequest.objects.select_related("org"), pk=request_id
    )
    try:
        if approve:
            services.approve_verification(request=verification, by=request.user)
        else:
            services.reject_verification(request=verification, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if approve:
            messages.success(request, _("%(org)s is verified.") % {"org": verification.org.name})
        else:
            messages.success(request, _("The request is rejected."))
    return redirect("orgs:verification-review")


@login_required
@require_POST
def verification_approve(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    return _decide(request, request_id, approve=True)


@login_required
@require_POST
def verification_reject(request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
    return _decide(request, request_id, approve=False)


@login_required
@require_POST
def promotion_policy(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_operator:
        raise PermissionDenied
    form = PromotionPolicyForm(request.POST)
    if form.is_valid():
        try:
            services.set_promotion_policy(
                by=request.user,
                max_sponsored_per_30_days=form.cleaned_data["max_sponsored_per_30_days"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The promotion policy is saved."))
            return redirect("orgs:verification-review")
    return _review_page(request, form, status=400)
