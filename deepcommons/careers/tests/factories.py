"""Organisations, jobs, applications and talent profiles for careers' tests and demo.

Organisations and memberships are made directly with the orgs models (orgs'
own services are another app's); jobs and applications go through careers'
services so their rules and side effects are real.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.careers import services
from deepcommons.careers.models import Application, Job, JobRole, Seniority, Workplace
from deepcommons.careers.services import JobData, TalentData
from deepcommons.orgs.models import Organisation, OrgKind, OrgMembership, OrgRole

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_org(
    slug: str = "deepvision-lab", *, verified: bool = True, name: str = "", **extra: Any
) -> Organisation:
    org, _created = Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name_en": name or slug.replace("-", " ").title(),
            "kind": OrgKind.LAB,
            "verified_at": timezone.now() if verified else None,
            **extra,
        },
    )
    return org


def add_member(org: Organisation, user: User, role: str = OrgRole.RECRUITER) -> OrgMembership:
    membership, _created = OrgMembership.objects.get_or_create(
        org=org, user=user, defaults={"role": role}
    )
    return membership


def job_data(**overrides: Any) -> JobData:
    values: dict[str, Any] = {
        "title": "Research scientist, vision transformers",
        "description": "Train **large** vision models.",
        "role": JobRole.RESEARCH_SCIENTIST,
        "seniority": Seniority.SENIOR,
        "location": "Shanghai",
        "workplace": Workplace.HYBRID,
        "salary_min": 400_000,
        "salary_max": 600_000,
        "currency": "CNY",
    }
    values.update(overrides)
    return JobData(**values)


def make_job(
    org: Organisation | None = None,
    *,
    by: User | None = None,
    publish: bool = True,
    **overrides: Any,
) -> Job:
    from deepcommons.accounts.tests.factories import UserFactory

    org = org or make_org()
    if by is None:
        by = UserFactory.create()
        add_member(org, by, OrgRole.ADMIN)
    return services.create_job(org=org, by=by, data=job_data(**overrides), publish=publish)


def expire(job: Job) -> Job:
    """Move a job's expiry into the past, as time passing would."""
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    job.refresh_from_db()
    return job


def pdf_upload(name: str = "cv.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_application(job: Job, applicant: User | None = None, **extra: Any) -> Application:
    from deepcommons.accounts.tests.factories import UserFactory

    return services.apply_to_job(
        job=job,
        applicant=applicant or UserFactory.create(),
        cv=pdf_upload(),
        cover_note=extra.get("cover_note", "I would love to."),
    )


def open_to_work(user: User, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "open_to_work": True,
        "headline": "Vision researcher",
        "roles": [JobRole.RESEARCH_SCIENTIST],
        "locations": "Shanghai",
        "salary_expectation": 777_123,
        "salary_currency": "CNY",
    }
    values.update(overrides)
    return services.update_talent_profile(user=user, data=TalentData(**values))
