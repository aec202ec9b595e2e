"""Applying with a CV, the applicant's list, and the recruiters' pipeline."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.careers import services
from deepcommons.careers.evidence import evidence_for
from deepcommons.careers.forms import ApplyForm, MoveForm, NoteForm
from deepcommons.careers.models import MAX_CV_BYTES, Application, Job, Stage
from deepcommons.careers.validators import cv_too_large_message
from deepcommons.careers.views.common import application_or_404, job_or_404, recruiter_job_or_404
from deepcommons.core.forms import add_service_errors
from deepcommons.core.uploads import (
    LimitedUploadHandler,
    declared_too_large,
    exceeded,
    install_limit,
)


def _apply_page(request: HttpRequest, job: Job, form: ApplyForm, status: int = 200) -> HttpResponse:
    user: Any = request.user
    existing = Application.objects.filter(job=job, applicant=user).first()
    return render(
        request,
        "careers/job_apply.html",
        {
            "job": job,
            "form": form,
            "existing": existing,
            "evidence": evidence_for([user])[user.pk],
        },
        status=status,
    )


def _too_large_form(cover_note: str) -> ApplyForm:
    """The form again, with the cover note kept and the size refusal on the CV."""
    form = ApplyForm({"cover_note": cover_note})
    form.is_valid()
    form.errors["cv"] = form.error_class([cv_too_large_message()])
    return form


@csrf_exempt
def job_apply(request: HttpRequest, job_id: int) -> HttpResponse:
    """Apply with the profile, a CV and a cover note. A body larger than the
    CV limit is refused before it is read (CSRF is checked inside, once the
    counting upload handler is in place)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    job = job_or_404(job_id, request.user)
    if request.method == "POST":
        if declared_too_large(request, MAX_CV_BYTES):
            return _apply_page(request, job, _too_large_form(""), status=413)
        handler = install_limit(request, MAX_CV_BYTES)
        return _submit(request, job, handler)
    return _apply_page(request, job, ApplyForm())


@csrf_protect
def _submit(request: HttpRequest, job: Job, handler: LimitedUploadHandler) -> HttpResponse:
    form = ApplyForm(request.POST, request.FILES)
    if exceeded(request, handler):
        return _apply_page(
            request, job, _too_large_form(request.POST.get("cover_note", "")), status=413
        )
    if form.is_valid():
        try:
            application = services.apply_to_job(
                job=job,
                applicant=request.user,  # type: ignore[arg-type]
                cv=form.cleaned_data["cv"],
                cover_note=form.cleaned_data["cover_note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, _("Your application is sent."))
            return redirect(application)
    return _apply_page(request, job, form, status=400)


@login_required
def my_applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The member's applications and where each stands."""
    applications = (
        Application.objects.of_applicant(request.user)
        .select_related("job__org")
        .order_by("-created_at", "-pk")
    )
    return render(request, "careers/my_applications.html", {"applications": applications})


@login_required
def job_pipeline(request: AuthenticatedHttpRequest, job_id: int) -> HttpResponse:
    """A job's applications by stage, for its organisation's recruiters (404 for anyone else)."""
    job = recruiter_job_or_404(job_id, request.user)
    stage = request.GET.get("stage", "")
    applications = job.applications.select_related("applicant").order_by("-created_at", "-pk")
    if stage in Stage.values:
        applications = applications.filter(stage=stage)
    counts = {
        row["stage"]: row["n"]
        for row in job.applications.order_by().values("stage").annotate(n=Count("pk"))
    }
    return render(
        request,
        "careers/job_pipeline.html",
        {
            "job": job,
            "applications": applications,
            "stage": stage,
            "stages": [(s.value, s.label, counts.get(s.value, 0)) for s in Stage],
        },
    )


def _detail_context(request: AuthenticatedHttpRequest, application: Application) -> dict[str, Any]:
    is_recruiter = application.is_recruiter(request.user)
    return {
        "application": application,
        "job": application.job,
        "is_recruiter": is_recruiter,
        "is_applicant": application.applicant_id == request.user.pk,
        "events": list(application.events.all()),
        "notes": list(application.notes.select_related("author")) if is_recruiter else [],
        "move_form": MoveForm(initial={"stage": application.stage}),
        "note_form": NoteForm(),
    }


@login_required
def application_detail(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    """The applicant sees the status and messages; recruiters also the profile,
    their private notes and the stage controls. 404 for everyone else."""
    application = application_or_404(application_id, request.user)
    return render(request, "careers/application_detail.html", _detail_context(request, application))


@login_required
@require_POST
def application_move(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    application = application_or_404(application_id, request.user)
    if not application.is_recruiter(request.user):
        raise Http404
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_application(
                application=application,
                by=request.user,
                stage=form.cleaned_data["stage"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, _("The applicant is told."))
            return redirect(application)
    context = _detail_context(request, application)
    context["move_form"] = form
    return render(request, "careers/application_detail.html", context, status=400)


@login_required
@require_POST
def application_note(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    application = application_or_404(application_id, request.user)
    if not application.is_recruiter(request.user):
        raise Http404
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(
                application=application, by=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(application)
    context = _detail_context(request, application)
    context["note_form"] = form
    return render(request, "careers/application_detail.html", context, status=400)


@login_required
def application_cv(request: AuthenticatedHttpRequest, application_id: int) -> FileResponse:
    """The CV, for the applicant and the organisation's recruiters only (404 otherwise)."""
    application = application_or_404(application_id, request.user)
    try:
        handle = application.cv.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"cv-{application.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
