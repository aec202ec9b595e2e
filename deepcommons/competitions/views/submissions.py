"""Submitting a file (size-limited before it is read), the team's submissions, final picks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.competitions.forms import SubmissionForm
from deepcommons.competitions.messages import error_kind
from deepcommons.competitions.models import Competition, Submission
from deepcommons.competitions.services import select_final, submission_refusal, submit
from deepcommons.competitions.views.common import competition_or_404, tab_context
from deepcommons.core.forms import add_service_errors
from deepcommons.core.uploads import (
    LimitedUploadHandler,
    declared_too_large,
    exceeded,
    install_limit,
)


def too_large(competition: Competition) -> HttpResponse:
    message = _("The file is larger than the limit of %(mb)s MB.") % {
        "mb": f"{competition.max_submission_bytes / 1024 / 1024:g}"
    }
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


def _page(
    request: HttpRequest, competition: Competition, form: SubmissionForm, status: int = 200
) -> HttpResponse:
    context = tab_context(request, competition, "submit")
    context.update(
        {
            "form": form,
            "refusal": submission_refusal(competition, request.user, now=timezone.now())  # type: ignore[arg-type]
            if request.user.is_authenticated
            else "",
        }
    )
    return render(request, "competitions/submit.html", context, status=status)


@csrf_exempt
def submission_create(request: HttpRequest, slug: str) -> HttpResponse:
    """The upload page. A body over the limit gets a 413 before it is parsed."""
    competition = competition_or_404(slug)
    if request.method == "POST":
        if declared_too_large(request, competition.max_submission_bytes):
            return too_large(competition)
        handler = install_limit(request, competition.max_submission_bytes)
        return _submit(request, competition, handler)
    return _show(request, competition)


@login_required
def _show(request: HttpRequest, competition: Competition) -> HttpResponse:
    return _page(request, competition, SubmissionForm())


@csrf_protect
@login_required
def _submit(
    request: HttpRequest, competition: Competition, handler: LimitedUploadHandler
) -> HttpResponse:
    form = SubmissionForm(request.POST, request.FILES)
    if exceeded(request, handler):
        return too_large(competition)
    if form.is_valid():
        try:
            submit(
                competition=competition,
                user=request.user,  # type: ignore[arg-type]
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("competitions:submission-list", slug=competition.slug)
    return _page(request, competition, form, status=400)


@login_required
def submission_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The viewer's team's submissions with their public scores (private ones after the end)."""
    competition = competition_or_404(slug)
    context = tab_context(request, competition, "submissions")
    team = context["team"]
    submissions = list(team.submissions.select_related("submitted_by")) if team else []
    for sub in submissions:
        sub.error_kind = error_kind(sub.error_code) if sub.error_code else ""  # type: ignore[attr-defined]
    context.update(
        {
            "submissions": submissions,
            "ended": competition.has_ended(),
        }
    )
    return render(request, "competitions/submission_list.html", context)


@login_required
@require_POST
def submission_select(
    request: AuthenticatedHttpRequest, slug: str, submission_id: int
) -> HttpResponse:
    competition = competition_or_404(slug)
    submission = get_object_or_404(Submission, pk=submission_id, competition=competition)
    team = competition.team_of(request.user)
    if team is None or submission.team_id != team.pk:
        return HttpResponse(status=404)
    try:
        select_final(
            submission=submission, by=request.user, selected=request.POST.get("selected") == "1"
        )
    except ValidationError as exc:
        context = tab_context(request, competition, "submissions")
        context.update(
            {
                "submissions": list(team.submissions.select_related("submitted_by")),
                "ended": competition.has_ended(),
                "select_error": " ".join(exc.messages),
            }
        )
        return render(request, "competitions/submission_list.html", context, status=400)
    return redirect("competitions:submission-list", slug=competition.slug)
