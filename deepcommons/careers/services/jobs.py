"""Posting a job and moving it through draft → published → expired/filled/closed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.careers.models import (
    DEFAULT_LIFETIME,
    ENDING_STATES,
    Job,
    JobLanguage,
    JobRole,
    JobState,
    Seniority,
    Workplace,
)
from deepcommons.careers.pagecache import LISTS, job_changed
from deepcommons.careers.validators import validate_salary
from deepcommons.core.markdown import render_markdown
from deepcommons.core.pagecache import bump_versions
from deepcommons.orgs.models import Organisation
from deepcommons.spaces.models import Tag

#: The furthest a job's expiry may be set ahead.
MAX_LIFETIME = timedelta(days=90)
MAX_SKILLS = 10


@dataclass
class JobData:
    """What a recruiter enters; the same for the page and the API."""

    title: str
    description: str
    role: str
    seniority: str
    skills: list[str] = field(default_factory=list)
    location: str = ""
    workplace: str = Workplace.ONSITE
    time_zones: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    currency: str = ""
    visa_sponsorship: bool = False
    language: str = JobLanguage.EN
    expires_at: datetime | None = None


def check_recruiter(org: Organisation, user: User) -> None:
    if not org.is_recruiter(user):
        raise PermissionDenied(
            _("Only recruiters of %(org)s may post or change its jobs.") % {"org": org.name}
        )


def _clean(data: JobData, *, publishing: bool) -> list[Tag]:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the job a title.")
    if not data.description.strip():
        errors["description"] = _("Describe the job.")
    for name, value, choices in (
        ("role", data.role, JobRole.values),
        ("seniority", data.seniority, Seniority.values),
        ("workplace", data.workplace, Workplace.values),
        ("language", data.language, JobLanguage.values),
    ):
        if value not in choices:
            errors[name] = _("Choose one of the listed values.")
    errors.update(
        validate_salary(
            salary_min=data.salary_min,
            salary_max=data.salary_max,
            currency=data.currency,
            required=publishing,
        )
    )
    if data.expires_at is not None:
        now = timezone.now()
        if data.expires_at <= now:
            errors["expires_at"] = _("The expiry date is in the past.")
        elif data.expires_at > now + MAX_LIFETIME:
            errors["expires_at"] = _("A job may run for at most 90 days; renew it later.")
    names = sorted({n.strip().lower() for n in data.skills if n.strip()})
    tags = list(Tag.objects.filter(name__in=names))
    unknown = sorted(set(names) - {t.name for t in tags})
    if unknown:
        errors["skills"] = _("Unknown tags: %(tags)s.") % {"tags": ", ".join(unknown)}
    elif len(tags) > MAX_SKILLS:
        errors["skills"] = _("Choose at most %(n)d skills.") % {"n": MAX_SKILLS}
    if errors:
        raise ValidationError(errors)
    return tags


def _fill(job: Job, data: JobData) -> None:
    job.title = data.title.strip()
    job.description = data.description
    job.description_html = render_markdown(data.description)
    job.role = data.role
    job.seniority = data.seniority
    job.location = data.location.strip()
    job.workplace = data.workplace
    job.time_zones = data.time_zones.strip()
    job.salary_min = data.salary_min
    job.salary_max = data.salary_max
    job.currency = data.currency
    job.visa_sponsorship = data.visa_sponsorship
    job.language = data.language
    if data.expires_at is not None:
        job.expires_at = data.expires_at
    job.updated_at = timezone.now()


def create_job(*, org: Organisation, by: User, data: JobData, publish: bool = False) -> Job:
    """A new draft (or, with `publish`, a published job) for `org`; recruiters only."""
    check_recruiter(org, by)
    tags = _clean(data, publishing=publish)
    with transaction.atomic():
        job = Job(org=org, posted_by=by)
        _fill(job, data)
        job.save()
        job.skills.set(tags)
        if publish:
            _publish(job)
        job_changed(job.pk)
    return job


def update_job(*, job: Job, by: User, data: JobData, publish: bool = False) -> Job:
    """Change a job (and, with `publish`, publish the draft in the same
    transaction); a published one must keep a valid salary range."""
    check_recruiter(job.org, by)
    publish = publish and job.state == JobState.DRAFT
    tags = _clean(data, publishing=publish or job.state == JobState.PUBLISHED)
    with transaction.atomic():
        _fill(job, data)
        job.save()
        job.skills.set(tags)
        if publish:
            _publish(job)
        job_changed(job.pk)
    return job


def _publish(job: Job) -> None:
    now = timezone.now()
    job.state = JobState.PUBLISHED
    job.published_at = job.published_at or now
    if job.expires_at is None or job.expires_at <= now:
        job.expires_at = now + DEFAULT_LIFETIME
    job.ended_at = None
    job.save(update_fields=["state", "published_at", "expires_at", "ended_at"])


def publish_job(*, job: Job, by: User) -> Job:
    """Draft → published, for 30 days unless an expiry is set; needs a salary range."""
    check_recruiter(job.org, by)
    if job.state != JobState.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    errors = validate_salary(
        salary_min=job.salary_min, salary_max=job.salary_max, currency=job.currency, required=True
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _publish(job)
        job_changed(job.pk)
    return job


def renew_job(*, job: Job, by: User) -> Job:
    """A published or expired job runs again for 30 days from now."""
    check_recruiter(job.org, by)
    if job.state not in (JobState.PUBLISHED, JobState.EXPIRED):
        raise ValidationError(_("Only a published or expired job can be renewed."))
    with transaction.atomic():
        job.state = JobState.PUBLISHED
        job.expires_at = timezone.now() + DEFAULT_LIFETIME
        job.save(update_fields=["state", "expires_at"])
        job_changed(job.pk)
    return job


def end_job(*, job: Job, by: User, state: str) -> Job:
    """Mark a job filled or closed: it leaves lists and search but its page stays."""
    check_recruiter(job.org, by)
    if state not in ENDING_STATES:
        raise ValidationError({"state": _("Choose filled or closed.")})
    if job.state in ENDING_STATES:
        raise ValidationError(_("This job is already closed."))
    with transaction.atomic():
        job.state = state
        job.ended_at = timezone.now()
        job.save(update_fields=["state", "ended_at"])
        job_changed(job.pk)
    return job


def expire_jobs(*, now: datetime | None = None) -> int:
    """Store the expired state of published jobs past their expiry (lists already hide them)."""
    moment = now or timezone.now()
    with transaction.atomic():
        count = Job.objects.filter(state=JobState.PUBLISHED, expires_at__lte=moment).update(
            state=JobState.EXPIRED
        )
        if count:
            bump_versions(LISTS)
    return count
