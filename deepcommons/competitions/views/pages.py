"""Competition pages: the list, the overview, rules and joining, data, leaderboard, write-ups."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.competitions.forms import RulesForm, WriteUpForm
from deepcommons.competitions.leaderboard import board_for
from deepcommons.competitions.models import Competition, DataFile
from deepcommons.competitions.services import add_writeup, can_host, join_competition
from deepcommons.competitions.views.common import (
    competition_or_404,
    private_file_response,
    tab_context,
)
from deepcommons.core.forms import add_service_errors


def competition_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    competitions = Competition.objects.all()
    return render(
        request,
        "competitions/competition_list.html",
        {
            "running": list(competitions.running(now).order_by("ends_at")),
            "upcoming": list(competitions.upcoming(now).order_by("starts_at")),
            "finished": list(competitions.finished(now).order_by("-ends_at")[:50]),
            "can_host": can_host(request.user),
        },
    )


def competition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    competition = competition_or_404(slug)
    context = tab_context(request, competition, "overview")
    context.update(
        {
            "data_files": list(competition.data_files.all()),
            "announcements": list(competition.announcements.select_related("author")[:20]),
            "writeups": list(competition.writeups.select_related("team")),
            "now": timezone.now(),
            "writeup_form": WriteUpForm(),
        }
    )
    return render(request, "competitions/competition_detail.html", context)


def competition_rules(request: HttpRequest, slug: str) -> HttpResponse:
    competition = competition_or_404(slug)
    form = RulesForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                join_competition(competition=competition, user=request.user)  # type: ignore[arg-type]
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(competition.get_absolute_url())
        status = 400
    context = tab_context(request, competition, "rules")
    context["form"] = form
    return render(request, "competitions/competition_rules.html", context, status=status)


def leaderboard(request: HttpRequest, slug: str) -> HttpResponse:
    competition = competition_or_404(slug)
    which, rows = board_for(competition)
    context = tab_context(request, competition, "leaderboard")
    context.update({"which": which, "rows": rows})
    return render(request, "competitions/leaderboard.html", context)


@login_required
def data_download(request: AuthenticatedHttpRequest, slug: str, file_id: int) -> HttpResponseBase:
    """A data file, for participants who accepted the rules and for hosts; 404 for others."""
    competition = competition_or_404(slug)
    data_file = get_object_or_404(DataFile, pk=file_id, competition=competition)
    if not (competition.has_accepted_rules(request.user) or competition.is_host(request.user)):
        raise Http404
    return private_file_response(data_file.file, data_file.filename)


@login_required
@require_POST
def writeup_add(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    competition = competition_or_404(slug)
    form = WriteUpForm(request.POST)
    if form.is_valid():
        try:
            add_writeup(competition=competition, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(competition.get_absolute_url() + "#writeups")
    context = tab_context(request, competition, "overview")
    context.update(
        {
            "data_files": list(competition.data_files.all()),
            "announcements": list(competition.announcements.select_related("author")[:20]),
            "writeups": list(competition.writeups.select_related("team")),
            "now": timezone.now(),
            "writeup_form": form,
        }
    )
    return render(request, "competitions/competition_detail.html", context, status=400)
