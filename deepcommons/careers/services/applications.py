"""Applying to a job with a CV, and the recruiters' pipeline."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.careers import kinds
from deepcommons.careers.evidence import evidence_for
from deepcommons.careers.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    Job,
    Stage,
)
from deepcommons.careers.pagecache import job_changed
from deepcommons.careers.validators import validate_cv
from deepcommons.orgs.models import RECRUITING_ROLES
from deepcommons.social.services.notifications import notify, notify_many

MAX_TEXT = 5000


def _refuse_apply(job: Job, applicant: User) -> None:
    if not job.is_open:
        raise ValidationError(_("This job is closed and no longer takes applications."))
    if job.org.is_recruiter(applicant):
        raise ValidationError(_("You recruit for this organisation, so you cannot apply here."))
    if Application.objects.filter(job=job, applicant=applicant).exists():
        raise ValidationError(_("You have already applied to this job."))


def apply_to_job(
    *, job: Job, applicant: User, cv: UploadedFile | None, cover_note: str = ""
) -> Application:
    """Apply with the CV (a PDF of at most 5 MB) and the profile as it is now.

    Refuses a closed job and a second application. The CV is stored only
    when the row is saved: if the insert fails, the file is deleted.
    """
    _refuse_apply(job, applicant)
    if len(cover_note) > MAX_TEXT:
        raise ValidationError({"cover_note": _("Keep the cover note under 5,000 characters.")})
    validate_cv(cv)
    assert cv is not None
    application = Application(
        job=job,
        applicant=applicant,
        cover_note=cover_note.strip(),
        cv_name=(cv.name or "cv.pdf")[-200:],
        cv_size=cv.size or 0,
        profile=evidence_for([applicant])[applicant.pk],
    )
    try:
        with transaction.atomic():
            application.cv.save("cv.pdf", cv, save=False)
            application.save()
            ApplicationEvent.objects.create(application=application, stage=Stage.NEW, by=applicant)
            job_changed(job.pk)
    except BaseException as exc:
        if application.cv.name:
            application.cv.storage.delete(application.cv.name)
        if isinstance(exc, IntegrityError):
            raise ValidationError(_("You have already applied to this job.")) from None
        raise
    recruiters = job.org.memberships.filter(role__in=RECRUITING_ROLES).values_list(
        "user_id", flat=True
    )
    notify_many(
        recipients=list(recruiters),
        kind=kinds.APPLICATION_NEW,
        actor=applicant,
        target=application,
    )
    return application


def _check_recruiter(application: Application, by: User) -> None:
    if not application.job.org.is_recruiter(by):
        raise PermissionDenied(_("Only the organisation's recruiters may do this."))


def move_application(
    *, application: Application, by: User, stage: str, message: str = ""
) -> Application:
    """Move an application to `stage`, telling the applicant (with `message` if any)."""
    _check_recruiter(application, by)
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Choose one of the listed stages.")})
    if len(message) > MAX_TEXT:
        raise ValidationError({"message": _("Keep the message under 5,000 characters.")})
    if stage == application.stage and not message.strip():
        raise ValidationError({"stage": _("The application is already at this stage.")})
    with transaction.atomic():
        application.stage = stage
        application.updated_at = timezone.now()
        application.save(update_fields=["stage", "updated_at"])
        ApplicationEvent.objects.create(
            application=application, stage=stage, message=message.strip(), by=by
        )
        job_changed(application.job_id)
    notify(
        recipient=application.applicant,
        kind=kinds.APPLICATION_UPDATE,
        target=application,
        data={"stage": stage, "org_name": application.job.org.name_en},
        dedupe_key=f"job-application:{application.pk}",
    )
    return application


def add_note(*, application: Application, by: User, body: str) -> ApplicationNote:
    """A recruiter's private note on an application."""
    _check_recruiter(application, by)
    if not body.strip():
        raise ValidationError({"body": _("Write a note.")})
    if len(body) > MAX_TEXT:
        raise ValidationError({"body": _("Keep the note under 5,000 characters.")})
    return ApplicationNote.objects.create(application=application, author=by, body=body.strip())
