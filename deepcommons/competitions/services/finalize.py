"""Finalising a competition: the private standings, medals and reputation.

Medal rule (Kaggle-like, over the N teams with a private score):

- N ≤ 10: rank 1 gold, rank 2 silver, rank 3 bronze;
- N > 10: gold for rank ≤ max(1, 10 % of N), silver for rank ≤ max(2, 20 % of N),
  bronze for rank ≤ max(3, 40 % of N) (percentages rounded down).

A tied team holds its shared rank, so ties at a boundary all get the better
medal. Each member of a medalling team gains reputation (gold 100, silver 50,
bronze 25), one ledger row per member keyed `competition:<id>:<user>`.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.competitions.leaderboard import private_board
from deepcommons.competitions.models import Competition, Medal, Standing, Submission, TeamMembership
from deepcommons.competitions.pagecache import competition_changed
from deepcommons.reputation.models import Reason, ReputationChange
from deepcommons.reputation.services.ledger import grant

MEDAL_REPUTATION = {Medal.GOLD: 100, Medal.SILVER: 50, Medal.BRONZE: 25}


def medal_for(rank: int, teams: int) -> str:
    if teams <= 10:
        return {1: Medal.GOLD, 2: Medal.SILVER, 3: Medal.BRONZE}.get(rank, "")
    if rank <= max(1, teams * 10 // 100):
        return Medal.GOLD
    if rank <= max(2, teams * 20 // 100):
        return Medal.SILVER
    if rank <= max(3, teams * 40 // 100):
        return Medal.BRONZE
    return ""


def reputation_key(competition_id: int, user_id: int) -> str:
    return f"competition:{competition_id}:{user_id}"


@transaction.atomic
def finalize_competition(
    *, competition: Competition, by: User | None = None, now: datetime | None = None
) -> list[Standing]:
    """Write the standings, medals and reputation once; later calls change nothing."""
    now = now or timezone.now()
    if by is not None and not competition.is_host(by):
        raise PermissionDenied(_("Only the competition's hosts may finalise it."))
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if competition.finalized_at is not None:
        return list(Standing.objects.filter(competition=competition))
    if not competition.has_ended(now):
        raise ValidationError(_("A competition is finalised after it ends."))
    if Submission.objects.filter(
        competition=competition, status=Submission.Status.PENDING
    ).exists():
        raise ValidationError(_("Some submissions are still being scored; try again shortly."))
    rows = private_board(competition)
    members: dict[int, list[int]] = {}
    for team_id, user_id in TeamMembership.objects.filter(competition=competition).values_list(
        "team_id", "user_id"
    ):
        members.setdefault(team_id, []).append(user_id)
    standings = []
    for row in rows:
        medal = medal_for(row.rank, len(rows))
        standings.append(
            Standing(
                competition=competition,
                team_id=row.team_id,
                rank=row.rank,
                score=row.score,
                medal=medal,
            )
        )
        if not medal:
            continue
        for user_id in members.get(row.team_id, []):
            key = reputation_key(competition.pk, user_id)
            if ReputationChange.objects.filter(key=key, user_id=user_id).exists():
                continue
            grant(
                user_id=user_id,
                amount=MEDAL_REPUTATION[Medal(medal)],
                reason=Reason.COMPETITION,
                key=key,
                actor_id=by.pk if by is not None else None,
                at=now,
            )
    Standing.objects.bulk_create(standings)
    competition.finalized_at = now
    competition.save(update_fields=["finalized_at"])
    competition_changed(competition.pk)
    return list(Standing.objects.filter(competition=competition))
