"""The team page: rename, invite, answer merge requests."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.competitions.forms import InviteForm, TeamNameForm
from deepcommons.competitions.models import Competition, MergeRequest, Team
from deepcommons.competitions.services import (
    accept_merge,
    decline_merge,
    invite_user,
    rename_team,
)
from deepcommons.competitions.views.common import competition_or_404, tab_context
from deepcommons.core.forms import add_service_errors


def _my_team(request: AuthenticatedHttpRequest, competition: Competition) -> Team:
    team = competition.team_of(request.user)
    if team is None:
        raise Http404
    return team


def _page(
    request: AuthenticatedHttpRequest,
    competition: Competition,
    team: Team,
    *,
    name_form: TeamNameForm | None = None,
    invite_form: InviteForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = tab_context(request, competition, "team")
    pending = MergeRequest.objects.filter(status=MergeRequest.Status.PENDING).select_related(
        "from_team", "to_team", "created_by"
    )
    context.update(
        {
            "members": list(team.memberships.select_related("user")),
            "name_form": name_form or TeamNameForm(initial={"name": team.name}),
            "invite_form": invite_form or InviteForm(),
            "received": list(pending.filter(to_team=team)),
            "sent": list(pending.filter(from_team=team)),
            "error": error,
        }
    )
    return render(request, "competitions/team.html", context, status=status)


@login_required
def team_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    competition = competition_or_404(slug)
    return _page(request, competition, _my_team(request, competition))


@login_required
@require_POST
def team_rename(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    competition = competition_or_404(slug)
    team = _my_team(request, competition)
    form = TeamNameForm(request.POST)
    if form.is_valid():
        try:
            rename_team(team=team, name=form.cleaned_data["name"], by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("competitions:team-detail", slug=slug)
    return _page(request, competition, team, name_form=form, status=400)


@login_required
@require_POST
def team_invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    competition = competition_or_404(slug)
    team = _my_team(request, competition)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invite_user(team=team, username=form.cleaned_data["username"], by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("competitions:team-detail", slug=slug)
    return _page(request, competition, team, invite_form=form, status=400)


@login_required
@require_POST
def merge_answer(
    request: AuthenticatedHttpRequest, slug: str, request_id: int, answer: str
) -> HttpResponse:
    competition = competition_or_404(slug)
    team = _my_team(request, competition)
    merge = get_object_or_404(
        MergeRequest.objects.filter(Q(to_team=team) | Q(from_team=team)),
        pk=request_id,
        competition=competition,
    )
    try:
        if answer == "accept" and merge.to_team_id == team.pk:
            accept_merge(request=merge, by=request.user)
        else:
            decline_merge(request=merge, by=request.user)
    except ValidationError as exc:
        return _page(request, competition, team, error=" ".join(exc.messages), status=400)
    return redirect("competitions:team-detail", slug=slug)
