"""Careers: the job board, posting and publishing, applying with a CV, the
applicant's list and the recruiters' pipeline. The same services and
QuerySet methods as the /jobs/ pages; refusals are JSON 4xx."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS
from deepcommons.careers import services
from deepcommons.careers.filters import apply_filters, clean_filters
from deepcommons.careers.models import MAX_CV_BYTES, Application, Job, JobLanguage, Workplace
from deepcommons.careers.services import JobData
from deepcommons.careers.validators import cv_too_large_message
from deepcommons.core.pagination import keyset_page
from deepcommons.orgs.models import Organisation

router = Router(tags=["careers"])
PER_PAGE = 20


class JobOut(Schema):
    id: int
    org: str
    org_name: str
    title: str
    description: str
    description_html: str
    role: str
    seniority: str
    skills: list[str]
    location: str
    workplace: str
    time_zones: str
    salary_min: int | None
    salary_max: int | None
    currency: str
    visa_sponsorship: bool
    language: str
    state: str
    published_at: datetime | None
    expires_at: datetime | None
    url: str


class JobPage(Schema):
    items: list[JobOut]
    next_cursor: str | None


class JobIn(Schema):
    org: str
    title: str = ""
    description: str = ""
    role: str = ""
    seniority: str = ""
    skills: list[str] = []
    location: str = ""
    workplace: str = Workplace.ONSITE
    time_zones: str = ""
    # Any JSON value: the service refuses non-integers with the page's messages.
    salary_min: Any = None
    salary_max: Any = None
    currency: str = ""
    visa_sponsorship: bool = False
    language: str = JobLanguage.EN
    expires_at: datetime | None = None
    publish: bool = False


class ApplicationOut(Schema):
    id: int
    job_id: int
    job_title: str
    org: str
    stage: str
    cover_note: str
    created_at: datetime
    updated_at: datetime
    url: str


class ApplicantOut(ApplicationOut):
    applicant: str
    profile: dict[str, Any]
    cv_url: str


class MoveIn(Schema):
    stage: str
    message: str = ""


def job_out(job: Job) -> dict[str, Any]:
    return {
        "id": job.pk,
        "org": job.org.slug,
        "org_name": job.org.name,
        "title": job.title,
        "description": job.description,
        "description_html": job.description_html,
        "role": job.role,
        "seniority": job.seniority,
        "skills": [t.name for t in job.skills.all()],
        "location": job.location,
        "workplace": job.workplace,
        "time_zones": job.time_zones,
        "salary_min": job.salary_min,
        "salary_max": job.salary_max,
        "currency": job.currency,
        "visa_sponsorship": job.visa_sponsorship,
        "language": job.language,
        "state": job.current_state,
        "published_at": job.published_at,
        "expires_at": job.expires_at,
        "url": job.get_absolute_url(),
    }


def application_out(application: Application) -> dict[str, Any]:
    return {
        "id": application.pk,
        "job_id": application.job_id,
        "job_title": application.job.title,
        "org": application.job.org.slug,
        "stage": application.stage,
        "cover_note": application.cover_note,
        "created_at": application.created_at,
        "updated_at": application.updated_at,
        "url": application.get_absolute_url(),
    }


def applicant_out(application: Application) -> dict[str, Any]:
    return {
        **application_out(application),
        "applicant": application.applicant.username,
        "profile": application.profile,
        "cv_url": f"/jobs/applications/{application.pk}/cv/",
    }


def _job(request: HttpRequest, job_id: int) -> Job:
    return get_object_or_404(
        Job.objects.visible_to(request.user).select_related("org").prefetch_related("skills"),
        pk=job_id,
    )


@router.get(
    "/jobs",
    response={200: JobPage, 400: ERRORS[400]},
    auth=None,
    operation_id="deepcommons_api_careers_jobs_list",
)
def list_jobs(
    request: HttpRequest,
    q: str = "",
    skills: str = "",
    remote: bool = False,
    location: str = "",
    salary: int | None = None,
    currency: str = "",
    org: str = "",
    role: str = "",
    seniority: str = "",
    cursor: str = "",
) -> dict[str, Any]:
    """Open jobs, the newest first, with the /jobs/ page's filters (skills space-separated)."""
    filters, errors = clean_filters(
        {
            "q": q,
            "skills": skills,
            "remote": remote,
            "location": location,
            "salary": salary,
            "currency": currency,
            "org": org,
            "role": role,
            "seniority": seniority,
        }
    )
    if errors:
        raise common.ServiceRefused([{"field": f, "message": m} for f, m in errors.items()])
    page = keyset_page(
        apply_filters(Job.objects.listed().for_list(), filters),
        field="published_at",
        cursor=cursor,
        per_page=PER_PAGE,
    )
    return {"items": [job_out(j) for j in page.items], "next_cursor": page.next_cursor}


@router.get(
    "/jobs/{int:job_id}",
    response={200: JobOut, 404: ERRORS[404]},
    auth=None,
    operation_id="deepcommons_api_careers_jobs_detail",
)
def job_detail(request: HttpRequest, job_id: int) -> dict[str, Any]:
    """A job; ended ones stay readable (state says so), drafts only for its recruiters."""
    return job_out(_job(request, job_id))


@router.post(
    "/jobs",
    response={201: JobOut, **ERRORS},
    operation_id="deepcommons_api_careers_jobs_create",
)
def create_job(request: HttpRequest, payload: JobIn) -> Status:
    """Post a job (a draft, or published with `publish`); only the organisation's recruiters."""
    user = common.signed_in_user(request)
    org = Organisation.objects.filter(slug=payload.org).first()
    if org is None:
        raise HttpError(400, f"Unknown organisation: {payload.org}")
    data = payload.dict(exclude={"org", "publish"})
    job = common.call(
        services.create_job, org=org, by=user, data=JobData(**data), publish=payload.publish
    )
    return Status(201, job_out(job))


@router.post(
    "/jobs/{int:job_id}/publish",
    response={200: JobOut, **ERRORS},
    operation_id="deepcommons_api_careers_jobs_publish",
)
def publish_job(request: HttpRequest, job_id: int) -> dict[str, Any]:
    user = common.signed_in_user(request)
    job = _job(request, job_id)
    return job_out(common.call(services.publish_job, job=job, by=user))


@router.post(
    "/jobs/{int:job_id}/apply",
    response={201: ApplicationOut, 413: ERRORS[400], **ERRORS},
    operation_id="deepcommons_api_careers_jobs_apply",
)
def apply(request: HttpRequest, job_id: int) -> Status:
    """Apply with multipart fields `cv` (a PDF of at most 5 MB) and `cover_note`."""
    user = common.signed_in_user(request)
    job = _job(request, job_id)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_CV_BYTES + 64 * 1024:
        return Status(413, {"message": cv_too_large_message()})
    application = common.call(
        services.apply_to_job,
        job=job,
        applicant=user,
        cv=request.FILES.get("cv"),
        cover_note=request.POST.get("cover_note", ""),
    )
    return Status(201, application_out(application))


@router.get(
    "/jobs/applications",
    response={200: list[ApplicationOut], **ERRORS},
    operation_id="deepcommons_api_careers_my_applications",
)
def my_applications(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's applications and their stage (as /jobs/applications/)."""
    user = common.signed_in_user(request)
    applications = Application.objects.of_applicant(user).select_related("job__org")
    return [application_out(a) for a in applications.order_by("-created_at", "-pk")[:200]]


@router.get(
    "/jobs/{int:job_id}/applications",
    response={200: list[ApplicantOut], **ERRORS},
    operation_id="deepcommons_api_careers_pipeline",
)
def pipeline(request: HttpRequest, job_id: int, stage: str = "") -> list[dict[str, Any]]:
    """A job's applications, for its organisation's recruiters (404 for anyone else)."""
    user = common.signed_in_user(request)
    job = _job(request, job_id)
    if not job.org.is_recruiter(user):
        raise Http404
    applications = job.applications.select_related("applicant", "job__org")
    if stage:
        applications = applications.filter(stage=stage)
    return [applicant_out(a) for a in applications.order_by("-created_at", "-pk")[:500]]


@router.post(
    "/jobs/applications/{int:application_id}/move",
    response={200: ApplicantOut, **ERRORS},
    operation_id="deepcommons_api_careers_pipeline_move",
)
def move(request: HttpRequest, application_id: int, payload: MoveIn) -> dict[str, Any]:
    """Move an application to a stage (new, reviewing, interview, offer, rejected)."""
    user = common.signed_in_user(request)
    application = get_object_or_404(
        Application.objects.visible_to(user).select_related("job__org", "applicant"),
        pk=application_id,
    )
    if not application.is_recruiter(user):
        raise Http404
    application = common.call(
        services.move_application,
        application=application,
        by=user,
        stage=payload.stage,
        message=payload.message,
    )
    return applicant_out(application)
