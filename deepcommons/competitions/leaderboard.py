"""Leaderboards: the public one during the competition, the private one after the end.

Ranks are competition ranks: equal scores share a rank and the next rank
skips ("1, 2, 2, 4"). A team's public score is its best public score; its
private score is the best private score among its final submissions — the
ones it picked (at most two), or its two best public ones if it picked none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from deepcommons.competitions.models import Competition, Standing, Submission, TeamMembership

MAX_FINAL = 2


@dataclass
class Row:
    rank: int
    team_id: int
    team_name: str
    score: float
    entries: int
    last_submission: datetime | None
    medal: str = ""
    members: list[str] = field(default_factory=list)


def competition_ranks(scores: list[float]) -> list[int]:
    """Ranks of already sorted scores: ties share the better rank, the next skips."""
    ranks: list[int] = []
    for i, score in enumerate(scores):
        ranks.append(ranks[-1] if i and score == scores[i - 1] else i + 1)
    return ranks


def _sort_key(lower_is_better: bool) -> Any:
    return lambda r: (r.score if lower_is_better else -r.score, r.team_name.lower(), r.team_id)


def final_submissions(subs: list[dict[str, Any]], *, lower_is_better: bool) -> list[dict[str, Any]]:
    """The team's picks, or its best two public scores when it picked none."""
    scored = [s for s in subs if s["status"] == Submission.Status.SCORED]
    picked = [s for s in scored if s["is_selected"]]
    if picked:
        return picked[:MAX_FINAL]
    with_public = [s for s in scored if s["public_score"] is not None]
    with_public.sort(
        key=lambda s: (
            s["public_score"] if lower_is_better else -s["public_score"],
            s["created_at"],
        )
    )
    return with_public[:MAX_FINAL]


def _members(competition: Competition) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    for team_id, username in TeamMembership.objects.filter(competition=competition).values_list(
        "team_id", "user__username"
    ):
        names[team_id].append(username)
    return names


def _rows(competition: Competition, *, private: bool) -> list[Row]:
    lower = competition.lower_is_better
    by_team: dict[int, list[dict[str, Any]]] = defaultdict(list)
    names: dict[int, str] = {}
    for sub in (
        Submission.objects.filter(competition=competition)
        .counted()
        .values(
            "id",
            "team_id",
            "team__name",
            "status",
            "public_score",
            "private_score",
            "is_selected",
            "created_at",
        )
        .order_by("created_at", "id")
    ):
        by_team[sub["team_id"]].append(dict(sub))
        names[sub["team_id"]] = sub["team__name"]
    rows: list[Row] = []
    for team_id, subs in by_team.items():
        if private:
            candidates = [
                s["private_score"]
                for s in final_submissions(subs, lower_is_better=lower)
                if s["private_score"] is not None
            ]
        else:
            candidates = [
                s["public_score"]
                for s in subs
                if s["status"] == Submission.Status.SCORED and s["public_score"] is not None
            ]
        if not candidates:
            continue
        rows.append(
            Row(
                rank=0,
                team_id=team_id,
                team_name=names[team_id],
                score=min(candidates) if lower else max(candidates),
                entries=len(subs),
                last_submission=subs[-1]["created_at"],
            )
        )
    rows.sort(key=_sort_key(lower))
    for row, rank in zip(rows, competition_ranks([r.score for r in rows]), strict=True):
        row.rank = rank
    members = _members(competition)
    for row in rows:
        row.members = members.get(row.team_id, [])
    return rows


def public_board(competition: Competition) -> list[Row]:
    return _rows(competition, private=False)


def private_board(competition: Competition) -> list[Row]:
    """The private standings, computed from the final submissions (medals once finalised)."""
    rows = _rows(competition, private=True)
    if competition.finalized_at is not None:
        medals = dict(
            Standing.objects.filter(competition=competition).values_list("team_id", "medal")
        )
        for row in rows:
            row.medal = medals.get(row.team_id, "")
    return rows


def board_for(competition: Competition, *, now: datetime | None = None) -> tuple[str, list[Row]]:
    """("private", rows) after the end, ("public", rows) before: the private
    scores are shown to nobody, hosts included, until the competition ends."""
    if competition.has_ended(now or timezone.now()):
        return "private", private_board(competition)
    return "public", public_board(competition)
