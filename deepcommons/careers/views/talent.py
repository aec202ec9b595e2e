"""Open to work: the member's settings, recruiters' talent search and contact requests.

Everything here is private: a talent page or search answers 404 to anyone who
is not a recruiter of a verified organisation the member shows it to.
"""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.careers import services
from deepcommons.careers.evidence import evidence_for
from deepcommons.careers.forms import ContactForm, TalentForm, TalentSearchForm, split_tags
from deepcommons.careers.models import ContactRequest, ContactStatus, TalentProfile
from deepcommons.core.forms import add_service_errors
from deepcommons.orgs.models import RECRUITING_ROLES, Organisation

RESULTS = 30


@login_required
def talent_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The member's "open to work" switch and preferences."""
    profile = TalentProfile.objects.filter(user=request.user).first()
    initial = {"visibility": "all", "remote_ok": True, "availability": "now"}
    if profile is not None:
        initial = {
            "open_to_work": profile.open_to_work,
            "headline": profile.headline,
            "roles": profile.roles,
            "skills": " ".join(t.name for t in profile.skills.all()),
            "locations": profile.locations,
            "remote_ok": profile.remote_ok,
            "availability": profile.availability,
            "salary_expectation": profile.salary_expectation,
            "salary_currency": profile.salary_currency,
            "visibility": profile.visibility,
            "allowed_orgs": list(profile.allowed_orgs.all()),
        }
    form = TalentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_talent_profile(user=request.user, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, _("Your preferences are saved."))
            return redirect("careers:talent-settings")
    return render(
        request,
        "careers/talent_settings.html",
        {"form": form, "profile": profile},
        status=400 if form.errors else 200,
    )


def _recruiting_org(request: AuthenticatedHttpRequest) -> tuple[Organisation, list[Organisation]]:
    """The verified organisation the recruiter searches for (`?org=`), or 404."""
    orgs = list(Organisation.objects.verified().where_user_has_role(request.user, RECRUITING_ROLES))
    if not orgs:
        raise Http404
    slug = request.GET.get("org") or request.POST.get("org") or orgs[0].slug
    for org in orgs:
        if org.slug == slug:
            return org, orgs
    raise Http404


@login_required
def talent_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open-to-work members by skills (with answer scores in them), location and availability."""
    org, orgs = _recruiting_org(request)
    form = TalentSearchForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    profiles = list(
        TalentProfile.objects.visible_to_org(org)
        .with_skills(split_tags(data.get("skills", "")))
        .located(data.get("location", ""))
        .available(data.get("availability", ""))
        .select_related("user")
        .prefetch_related("skills")[:RESULTS]
    )
    evidence = evidence_for([p.user for p in profiles])
    return render(
        request,
        "careers/talent_search.html",
        {
            "org": org,
            "orgs": orgs,
            "form": form,
            "results": [(p, evidence[p.user_id]) for p in profiles],
        },
    )


@login_required
def talent_detail(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    """One open-to-work member, for a recruiter of an organisation they show it to;
    a POST sends a contact request."""
    org, orgs = _recruiting_org(request)
    member = get_object_or_404(User.objects.active(), username__iexact=username)
    profile = get_object_or_404(
        TalentProfile.objects.visible_to_org(org).prefetch_related("skills"), user=member
    )
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_member(
                org=org, recruiter=request.user, member=member, message=form.cleaned_data["message"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, _("Your message is sent. You will hear when they answer."))
            return redirect(f"{request.path}?org={org.slug}")
    contacts = ContactRequest.objects.filter(org=org, member=member).select_related("conversation")
    return render(
        request,
        "careers/talent_detail.html",
        {
            "org": org,
            "member": member,
            "profile": profile,
            "evidence": evidence_for([member])[member.pk],
            "form": form,
            "contacts": list(contacts),
        },
        status=400 if form.errors else 200,
    )


@login_required
def contact_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Recruiters who asked to contact the member, to accept or decline."""
    contacts = ContactRequest.objects.filter(member=request.user).select_related(
        "org", "recruiter", "conversation"
    )
    return render(
        request,
        "careers/contact_list.html",
        {"contacts": contacts, "pending": ContactStatus.PENDING},
    )


@login_required
@require_POST
def contact_answer(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = get_object_or_404(
        ContactRequest.objects.select_related("org", "recruiter"),
        pk=contact_id,
        member=request.user,
    )
    accept = request.POST.get("answer") == "accept"
    try:
        contact = services.answer_contact(contact=contact, member=request.user, accept=accept)
    except ValidationError as error:
        for message in error.messages:
            flash.error(request, message)
        return redirect("careers:contact-list")
    if accept and contact.conversation is not None:
        return redirect(contact.conversation)
    flash.success(request, _("Declined. The recruiter is told, without any reason."))
    return redirect("careers:contact-list")
