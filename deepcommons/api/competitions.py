"""Competitions: list and detail, joining (accepting the rules), submitting a
CSV (multipart), the caller's team's submissions, the leaderboard, data files.

The same services and checks as the pages: joining is accepting the rules,
data files go to participants who accepted them (404 for others), a body over
the size limit is a JSON 413 before it is parsed, and private scores appear
only after the end.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS, ErrorOut
from deepcommons.competitions.leaderboard import board_for
from deepcommons.competitions.messages import error_kind
from deepcommons.competitions.models import Competition, DataFile, Submission
from deepcommons.competitions.services import join_competition, submit
from deepcommons.competitions.views.common import private_file_response
from deepcommons.core.uploads import declared_too_large, exceeded, install_limit

router = Router(tags=["competitions"])


class CompetitionOut(Schema):
    slug: str
    title: str
    subtitle: str
    url: str
    metric: str
    lower_is_better: bool
    id_column: str
    prediction_columns: list[str]
    starts_at: datetime
    merger_deadline: datetime
    ends_at: datetime
    status: str
    daily_limit: int
    max_team_size: int
    public_percent: int
    max_submission_bytes: int


class CompetitionDetailOut(CompetitionOut):
    overview_html: str
    rules_html: str
    prizes_html: str
    evaluation_html: str
    accepted_rules: bool
    team: str | None
    data_files: list[dict[str, Any]]


class TeamOut(Schema):
    id: int
    name: str
    members: list[str]


class SubmissionOut(Schema):
    id: int
    team: str
    submitted_by: str
    filename: str
    description: str
    status: str
    error_kind: str
    error_message: str
    public_score: float | None
    private_score: float | None
    is_selected: bool
    created_at: datetime


class RowOut(Schema):
    rank: int
    team: str
    score: float
    entries: int
    last_submission: datetime | None
    medal: str


class LeaderboardOut(Schema):
    which: str
    rows: list[RowOut]


def _competition(slug: str) -> Competition:
    return get_object_or_404(Competition, slug=slug)


def _status(competition: Competition) -> str:
    now = timezone.now()
    if competition.has_ended(now):
        return "finished"
    return "running" if competition.has_started(now) else "upcoming"


def competition_out(competition: Competition) -> dict[str, Any]:
    return {
        "slug": competition.slug,
        "title": competition.title,
        "subtitle": competition.subtitle,
        "url": competition.get_absolute_url(),
        "metric": competition.metric,
        "lower_is_better": competition.lower_is_better,
        "id_column": competition.id_column,
        "prediction_columns": list(competition.columns),
        "starts_at": competition.starts_at,
        "merger_deadline": competition.merger_deadline,
        "ends_at": competition.ends_at,
        "status": _status(competition),
        "daily_limit": competition.daily_limit,
        "max_team_size": competition.max_team_size,
        "public_percent": competition.public_percent,
        "max_submission_bytes": competition.max_submission_bytes,
    }


def submission_out(submission: Submission, *, ended: bool) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "team": submission.team.name,
        "submitted_by": submission.submitted_by.username,
        "filename": submission.filename,
        "description": submission.description,
        "status": submission.status,
        "error_kind": error_kind(submission.error_code) if submission.error_code else "",
        "error_message": submission.error_message,
        "public_score": submission.public_score,
        # Private scores only after the end, as on the pages.
        "private_score": submission.private_score if ended else None,
        "is_selected": submission.is_selected,
        "created_at": submission.created_at,
    }


@router.get(
    "/competitions",
    response={200: list[CompetitionOut]},
    auth=None,
    operation_id="deepcommons_api_competitions_list",
)
def list_competitions(request: HttpRequest) -> list[dict[str, Any]]:
    """Every competition, the newest start first (as /competitions/ lists them)."""
    return [competition_out(c) for c in Competition.objects.all()[:200]]


@router.get(
    "/competitions/{slug}",
    response={200: CompetitionDetailOut, 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_competitions_detail",
)
def competition_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    competition = _competition(slug)
    team = competition.team_of(request.user)
    return {
        **competition_out(competition),
        "overview_html": competition.overview_html,
        "rules_html": competition.rules_html,
        "prizes_html": competition.prizes_html,
        "evaluation_html": competition.evaluation_html,
        "accepted_rules": competition.has_accepted_rules(request.user),
        "team": team.name if team else None,
        "data_files": [
            {"id": f.pk, "filename": f.filename, "size": f.size, "description": f.description}
            for f in competition.data_files.all()
        ],
    }


@router.post(
    "/competitions/{slug}/join",
    response={200: TeamOut, **ERRORS},
    operation_id="deepcommons_api_competitions_join",
)
def join(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Accept the rules and join (a solo team); joining again returns the same team."""
    competition = _competition(slug)
    team = common.call(
        join_competition, competition=competition, user=common.signed_in_user(request)
    )
    return {
        "id": team.pk,
        "name": team.name,
        "members": list(team.memberships.values_list("user__username", flat=True)),
    }


@router.post(
    "/competitions/{slug}/submissions",
    response={201: SubmissionOut, 413: ErrorOut, **ERRORS},
    operation_id="deepcommons_api_competitions_submit",
)
def create_submission(request: HttpRequest, slug: str) -> Status:
    """Upload predictions (multipart field `file`, optional `description`).

    Answers 201 with the submission once scored (or refused with its error
    kind and message), 400 when it may not be submitted (rules not
    accepted, daily limit used, competition not running), 413 over the size
    limit.
    """
    competition = _competition(slug)
    user = common.signed_in_user(request)
    too_large = {"message": "The file is larger than the limit."}
    if declared_too_large(request, competition.max_submission_bytes):
        return Status(413, too_large)
    handler = install_limit(request, competition.max_submission_bytes)
    upload = request.FILES.get("file")
    if exceeded(request, handler):
        return Status(413, too_large)
    if upload is None:
        raise HttpError(400, "Attach the predictions as the multipart field `file`.")
    submission = common.call(
        submit,
        competition=competition,
        user=user,
        upload=upload,
        description=request.POST.get("description", ""),
    )
    submission.refresh_from_db()
    return Status(201, submission_out(submission, ended=competition.has_ended()))


@router.get(
    "/competitions/{slug}/submissions",
    response={200: list[SubmissionOut], **ERRORS},
    operation_id="deepcommons_api_competitions_my_submissions",
)
def my_submissions(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """The caller's team's submissions, newest first (empty when not joined)."""
    competition = _competition(slug)
    team = competition.team_of(common.signed_in_user(request))
    if team is None:
        return []
    ended = competition.has_ended()
    return [
        submission_out(s, ended=ended)
        for s in team.submissions.select_related("team", "submitted_by")
    ]


@router.get(
    "/competitions/{slug}/leaderboard",
    response={200: LeaderboardOut, 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_competitions_leaderboard",
)
def leaderboard(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The public leaderboard while running, the private one after the end."""
    which, rows = board_for(_competition(slug))
    return {
        "which": which,
        "rows": [
            {
                "rank": r.rank,
                "team": r.team_name,
                "score": r.score,
                "entries": r.entries,
                "last_submission": r.last_submission,
                "medal": r.medal,
            }
            for r in rows
        ],
    }


@router.get(
    "/competitions/{slug}/data/{file_id}",
    response={200: None, **ERRORS},
    operation_id="deepcommons_api_competitions_data",
)
def data_file(request: HttpRequest, slug: str, file_id: int) -> HttpResponseBase:
    """A data file: for participants who accepted the rules and hosts; 404 for others."""
    competition = _competition(slug)
    user = common.signed_in_user(request)
    data = get_object_or_404(DataFile, pk=file_id, competition=competition)
    if not (competition.has_accepted_rules(user) or competition.is_host(user)):
        raise Http404
    return private_file_response(data.file, data.filename)
