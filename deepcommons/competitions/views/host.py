"""Hosting: create and edit a competition, upload data and the solution,
announce, finalise, and download the solution (hosts only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.competitions.forms import (
    AnnouncementForm,
    CompetitionForm,
    DataFileForm,
    SolutionForm,
)
from deepcommons.competitions.models import Competition, DataFile
from deepcommons.competitions.services import (
    can_host,
    create_competition,
    delete_data_file,
    finalize_competition,
    post_announcement,
    update_competition,
    upload_data_file,
    upload_solution,
)
from deepcommons.competitions.views.common import (
    competition_or_404,
    private_file_response,
    tab_context,
)
from deepcommons.core.forms import add_service_errors


def _hosted(request: AuthenticatedHttpRequest, slug: str) -> Competition:
    competition = competition_or_404(slug)
    if not competition.is_host(request.user):
        raise PermissionDenied
    return competition


@login_required
def competition_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_host(request.user):
        raise PermissionDenied
    form = CompetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            competition = create_competition(data=form.to_input(), by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("competitions:competition-host", slug=competition.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "competitions/competition_form.html",
        {"form": form, "competition": None},
        status=status,
    )


@login_required
def competition_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    competition = _hosted(request, slug)
    form = CompetitionForm.for_competition(competition, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            update_competition(competition=competition, data=form.to_input(), by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(competition.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "competitions/competition_form.html",
        {"form": form, "competition": competition},
        status=status,
    )


def _host_page(
    request: AuthenticatedHttpRequest,
    competition: Competition,
    *,
    data_form: DataFileForm | None = None,
    solution_form: SolutionForm | None = None,
    announcement_form: AnnouncementForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = tab_context(request, competition, "host")
    context.update(
        {
            "data_files": list(competition.data_files.all()),
            "data_form": data_form or DataFileForm(),
            "solution_form": solution_form or SolutionForm(),
            "announcement_form": announcement_form or AnnouncementForm(),
            "error": error,
        }
    )
    return render(request, "competitions/host.html", context, status=status)


@login_required
def competition_host(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _host_page(request, _hosted(request, slug))


@login_required
@require_POST
def data_upload(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    competition = _hosted(request, slug)
    form = DataFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload_data_file(
                competition=competition,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("competitions:competition-host", slug=slug)
    return _host_page(request, competition, data_form=form, status=400)


@login_required
@require_POST
def data_delete(request: AuthenticatedHttpRequest, slug: str, file_id: int) -> HttpResponse:
    competition = _hosted(request, slug)
    delete_data_file(
        data_file=get_object_or_404(DataFile, pk=file_id, competition=competition), by=request.user
    )
    return redirect("competitions:competition-host", slug=slug)


@login_required
@require_POST
def solution_upload(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    competition = _hosted(request, slug)
    form = SolutionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload_solution(
                competition=competition, upload=form.cleaned_data["solution"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("competitions:competition-host", slug=slug)
    return _host_page(request, competition, solution_form=form, status=400)


@login_required
def solution_download(request: AuthenticatedHttpRequest, slug: str) -> HttpResponseBase:
    """The hidden answers: hosts only; everyone else gets a 404."""
    competition = competition_or_404(slug)
    if not competition.is_host(request.user) or not competition.solution:
        raise Http404
    return private_file_response(competition.solution, f"{competition.slug}-solution.csv")


@login_required
@require_POST
def announcement_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    competition = _hosted(request, slug)
    form = AnnouncementForm(request.POST)
    if form.is_valid():
        try:
            post_announcement(competition=competition, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(competition.get_absolute_url() + "#announcements")
    return _host_page(request, competition, announcement_form=form, status=400)


@login_required
@require_POST
def competition_finalize(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    competition = _hosted(request, slug)
    try:
        finalize_competition(competition=competition, by=request.user)
    except ValidationError as exc:
        return _host_page(request, competition, error=" ".join(exc.messages), status=400)
    return redirect("competitions:leaderboard", slug=slug)
