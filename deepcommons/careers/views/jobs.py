"""The job board: the list with filters, a job's page, posting and its lifecycle."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.careers import services
from deepcommons.careers.filters import apply_filters, clean_filters
from deepcommons.careers.forms import EndJobForm, JobFilterForm, JobForm
from deepcommons.careers.models import Application, Job, JobState
from deepcommons.careers.views.common import job_or_404, job_posting_ld
from deepcommons.core.forms import add_service_errors
from deepcommons.core.pagecache import cache_anonymous
from deepcommons.core.pagination import page_or_first
from deepcommons.orgs.models import RECRUITING_ROLES, Organisation

PER_PAGE = 20


@cache_anonymous
def job_list(request: HttpRequest) -> HttpResponse:
    """Open jobs, the newest first, filtered by skills, remote, location, salary
    and organisation. Expired, filled and closed jobs are not listed."""
    form = JobFilterForm(request.GET or None)
    filters, _errors = clean_filters(request.GET.dict())
    if form.is_bound:
        form.is_valid()  # shows what clean_filters ignored
    jobs = apply_filters(Job.objects.listed().for_list(), filters)
    page = page_or_first(
        jobs, field="published_at", cursor=request.GET.get("cursor", ""), per_page=PER_PAGE
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        "careers/job_list.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "is_recruiter": Organisation.objects.where_user_has_role(
                request.user, RECRUITING_ROLES
            ).exists(),
        },
    )


@cache_anonymous
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    """A job's page. Expired, filled and closed jobs stay reachable, marked closed."""
    job = job_or_404(job_id, request.user)
    is_recruiter = job.org.is_recruiter(request.user)
    application = (
        Application.objects.filter(job=job, applicant=request.user).first()
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "careers/job_detail.html",
        {
            "job": job,
            "skills": list(job.skills.all()),
            "is_recruiter": is_recruiter,
            "application": application,
            "end_form": EndJobForm(),
            "application_count": job.applications.count() if is_recruiter else 0,
            "json_ld": job_posting_ld(job, request.build_absolute_uri(job.get_absolute_url()))
            if job.state != JobState.DRAFT
            else "",
        },
    )


@login_required
def job_manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every job of the organisations the member recruits for, in any state."""
    orgs = list(Organisation.objects.where_user_has_role(request.user, RECRUITING_ROLES))
    jobs = (
        Job.objects.filter(org__in=orgs)
        .select_related("org")
        .annotate(applicant_count=Count("applications"))
        .order_by("-created_at", "-pk")[:200]
    )
    return render(request, "careers/job_manage.html", {"orgs": orgs, "jobs": jobs})


@login_required
def job_create_choose(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Pick which organisation to post for; none means the member cannot post."""
    orgs = list(Organisation.objects.where_user_has_role(request.user, RECRUITING_ROLES))
    if not orgs:
        raise PermissionDenied(_("Only recruiters of an organisation can post jobs."))
    if len(orgs) == 1:
        return redirect("careers:job-create", org_slug=orgs[0].slug)
    return render(request, "careers/job_create_choose.html", {"orgs": orgs})


@login_required
def job_create(request: AuthenticatedHttpRequest, org_slug: str) -> HttpResponse:
    """Post a job for an organisation; a 403 for anyone not its recruiter."""
    org = get_object_or_404(Organisation, slug=org_slug)
    if not org.is_recruiter(request.user):
        raise PermissionDenied(
            _("Only recruiters of %(org)s may post its jobs.") % {"org": org.name}
        )
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.create_job(
                org=org, by=request.user, data=form.to_data(), publish="publish" in request.POST
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(
                request,
                _("The job is published.") if job.is_open else _("The draft is saved."),
            )
            return redirect(job)
    return render(
        request,
        "careers/job_form.html",
        {"form": form, "org": org, "job": None},
        status=400 if form.errors else 200,
    )


@login_required
def job_edit(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    job = job_or_404(job_id, request.user)
    if not job.org.is_recruiter(request.user):
        raise PermissionDenied(_("Only the organisation's recruiters may change this job."))
    form = JobForm(request.POST or None, initial=JobForm.initial_for(job))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_job(
                job=job, by=request.user, data=form.to_data(), publish="publish" in request.POST
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(
                request,
                _("The job is published.")
                if "publish" in request.POST and job.is_open
                else _("The job is saved."),
            )
            return redirect(job)
    return render(
        request,
        "careers/job_form.html",
        {"form": form, "org": job.org, "job": job},
        status=400 if form.errors else 200,
    )


def _lifecycle(request: AuthenticatedHttpRequest, job_id: int, action: str) -> HttpResponse:
    job = job_or_404(job_id, request.user)
    if not job.org.is_recruiter(request.user):
        raise PermissionDenied(_("Only the organisation's recruiters may change this job."))
    try:
        if action == "publish":
            services.publish_job(job=job, by=request.user)
            flash.success(request, _("The job is published."))
        elif action == "renew":
            services.renew_job(job=job, by=request.user)
            flash.success(request, _("The job runs for another 30 days."))
        else:
            form = EndJobForm(request.POST)
            state = form.cleaned_data["state"] if form.is_valid() else ""
            services.end_job(job=job, by=request.user, state=state)
            flash.success(request, _("The job is closed."))
    except ValidationError as error:
        for message in error.messages:
            flash.error(request, message)
        if action == "publish":
            return redirect("careers:job-edit", job_id=job.pk)
    return redirect(job)


@login_required
@require_POST
def job_publish(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    return _lifecycle(request, job_id, "publish")


@login_required
@require_POST
def job_renew(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    return _lifecycle(request, job_id, "renew")


@login_required
@require_POST
def job_end(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    return _lifecycle(request, job_id, "end")
