"""What careers' views share: loading a job or an application the viewer may see."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from deepcommons.careers.models import Application, Job, Workplace

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def job_or_404(job_id: int, user: Any) -> Job:
    """The job if `user` may open it: any job ever published, drafts for its recruiters."""
    return get_object_or_404(Job.objects.visible_to(user).select_related("org"), pk=job_id)


def application_or_404(application_id: int, user: Any) -> Application:
    """The application, for its applicant and the job's organisation's
    recruiters; 404 for everyone else."""
    application = get_object_or_404(
        Application.objects.visible_to(user).select_related("job__org", "applicant"),
        pk=application_id,
    )
    return application


def recruiter_job_or_404(job_id: int, user: Any) -> Job:
    job = job_or_404(job_id, user)
    if not job.org.is_recruiter(user):
        raise Http404
    return job


def job_posting_ld(job: Job, absolute_url: str) -> SafeString:
    """schema.org JobPosting as JSON, escaped like Django's json_script so no
    user text can close the <script> element; data, never executed."""
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": strip_tags(job.description_html),
        "datePosted": job.published_at,
        "validThrough": job.expires_at,
        "hiringOrganization": {"@type": "Organization", "name": job.org.name_en},
        "url": absolute_url,
    }
    if job.org.website:
        data["hiringOrganization"]["sameAs"] = job.org.website
    if job.location:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": job.location},
        }
    if job.workplace == Workplace.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
    if job.has_salary:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": job.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": job.salary_min,
                "maxValue": job.salary_max,
                "unitText": "YEAR",
            },
        }
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308 - escaped above, as json_script does
