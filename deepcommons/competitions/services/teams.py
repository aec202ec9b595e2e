"""Joining a competition and teams: the solo team, renaming, invitations and mergers.

Every participant is in exactly one team. An invitation is a merge request
from the inviting team to the invitee's (solo) team; two teams merge when
the receiving team's leader accepts. A merger must respect, at the moment it
happens: the merger deadline, the team size limit, the daily limit (the
merged team's submissions today) and the total (no more than the daily
limit times the days the competition has run), as on Kaggle.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.competitions.models import (
    Competition,
    MergeRequest,
    RulesAcceptance,
    Submission,
    Team,
    TeamMembership,
)
from deepcommons.competitions.pagecache import competition_changed

TEAM_NAME_MAX = 60


def _unique_name(competition: Competition, wanted: str) -> str:
    base = wanted[:TEAM_NAME_MAX] or "team"
    name, n = base, 1
    while Team.objects.filter(competition=competition, name=name).exists():
        n += 1
        suffix = f" {n}"
        name = base[: TEAM_NAME_MAX - len(suffix)] + suffix
    return name


@transaction.atomic
def join_competition(*, competition: Competition, user: User, now: datetime | None = None) -> Team:
    """Accept the rules and get a solo team; joining again returns the same team."""
    now = now or timezone.now()
    existing = competition.team_of(user)
    if existing is not None:
        return existing
    if competition.has_ended(now):
        raise ValidationError(_("This competition has ended; it no longer takes participants."))
    if not user.is_active or user.is_deleted_placeholder:
        raise PermissionDenied
    RulesAcceptance.objects.get_or_create(
        competition=competition, user=user, defaults={"accepted_at": now}
    )
    team = Team.objects.create(
        competition=competition,
        name=_unique_name(competition, user.username),
        leader=user,
        created_at=now,
    )
    try:
        with transaction.atomic():
            TeamMembership.objects.create(
                competition=competition, team=team, user=user, joined_at=now
            )
    except IntegrityError:  # joined at the same moment in another request
        team.delete()
        found = competition.team_of(user)
        assert found is not None
        return found
    competition_changed(competition.pk)
    return team


def _member(team: Team, user: User) -> bool:
    return team.memberships.filter(user=user).exists()


@transaction.atomic
def rename_team(*, team: Team, name: str, by: User) -> Team:
    if not _member(team, by):
        raise PermissionDenied(_("Only the team's members may rename it."))
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": [_("Give the team a name.")]})
    if len(name) > TEAM_NAME_MAX:
        raise ValidationError({"name": [_("A team name is at most 60 characters.")]})
    if (
        Team.objects.filter(competition_id=team.competition_id, name__iexact=name)
        .exclude(pk=team.pk)
        .exists()
    ):
        raise ValidationError({"name": [_("Another team has that name.")]})
    team.name = name
    team.save(update_fields=["name"])
    competition_changed(team.competition_id)
    return team


def merge_refusal(into: Team, other: Team, *, now: datetime) -> str:
    """Why `other` may not merge into `into` now; empty when it may."""
    competition = into.competition
    if into.pk == other.pk:
        return _("A team cannot merge with itself.")
    if other.competition_id != into.competition_id:
        return _("Both teams must be in the same competition.")
    if not competition.mergers_open(now):
        return _("The team merger deadline has passed.")
    size = into.memberships.count() + other.memberships.count()
    if size > competition.max_team_size:
        return _("Together the teams would have %(size)d members; the limit is %(limit)d.") % {
            "size": size,
            "limit": competition.max_team_size,
        }
    both = Submission.objects.filter(team__in=[into, other]).counted()
    today = both.on_utc_day(now).count()
    if today > competition.daily_limit:
        return _(
            "Together the teams made %(count)d submissions today; a team may make %(limit)d "
            "a day. Merge tomorrow (UTC) or after fewer submissions."
        ) % {"count": today, "limit": competition.daily_limit}
    days = max(1, (now - competition.starts_at).days + 1)
    total = both.count()
    allowed = days * competition.daily_limit
    if total > allowed:
        return _(
            "Together the teams made %(count)d submissions; a merged team may have at most "
            "%(allowed)d by now (%(limit)d a day for %(days)d days)."
        ) % {"count": total, "allowed": allowed, "limit": competition.daily_limit, "days": days}
    return ""


@transaction.atomic
def request_merge(
    *, from_team: Team, to_team: Team, by: User, now: datetime | None = None
) -> MergeRequest:
    """Ask `to_team` to merge into `from_team` (the invitation of a solo member)."""
    now = now or timezone.now()
    if not _member(from_team, by):
        raise PermissionDenied(_("Only the team's members may invite."))
    refusal = merge_refusal(from_team, to_team, now=now)
    if refusal:
        raise ValidationError(refusal)
    pending = MergeRequest.objects.filter(
        from_team=from_team, to_team=to_team, status=MergeRequest.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    request = MergeRequest.objects.create(
        competition_id=from_team.competition_id,
        from_team=from_team,
        to_team=to_team,
        created_by=by,
        created_at=now,
    )
    competition_changed(from_team.competition_id)
    return request


def invite_user(
    *, team: Team, username: str, by: User, now: datetime | None = None
) -> MergeRequest:
    """Invite a participant (and their current team) to join `team`."""
    user = User.objects.filter(username__iexact=username.strip()).first()
    other = team.competition.team_of(user) if user is not None else None
    if other is None:
        raise ValidationError(
            {"username": [_("No participant of this competition has that username.")]}
        )
    return request_merge(from_team=team, to_team=other, by=by, now=now)


def _locked(*teams: Team) -> list[Team]:
    return list(
        Team.objects.select_for_update().filter(pk__in=[t.pk for t in teams]).order_by("pk")
    )


@transaction.atomic
def accept_merge(*, request: MergeRequest, by: User, now: datetime | None = None) -> Team:
    """Merge the request's receiving team into the sender: members and submissions move."""
    now = now or timezone.now()
    request = MergeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MergeRequest.Status.PENDING:
        raise ValidationError(_("This request was already answered."))
    into, other = request.from_team, request.to_team
    if not _member(other, by):
        raise PermissionDenied(_("Only the invited team's members may accept."))
    _locked(into, other)
    refusal = merge_refusal(into, other, now=now)
    if refusal:
        raise ValidationError(refusal)
    TeamMembership.objects.filter(team=other).update(team=into)
    Submission.objects.filter(team=other).update(team=into)
    # Two final picks at most: the merged team keeps the receiving team's picks.
    if Submission.objects.filter(team=into, is_selected=True).count() > 2:
        Submission.objects.filter(team=into, is_selected=True).exclude(
            pk__in=Submission.objects.filter(team=into, is_selected=True)
            .order_by("-created_at")
            .values("pk")[:2]
        ).update(is_selected=False)
    # The emptied team goes, with the requests to and from it (this one too).
    other.delete()
    competition_changed(into.competition_id)
    return into


@transaction.atomic
def decline_merge(*, request: MergeRequest, by: User, now: datetime | None = None) -> MergeRequest:
    if not (_member(request.to_team, by) or _member(request.from_team, by)):
        raise PermissionDenied
    if request.status != MergeRequest.Status.PENDING:
        raise ValidationError(_("This request was already answered."))
    request.status = MergeRequest.Status.DECLINED
    request.decided_at = now or timezone.now()
    request.save(update_fields=["status", "decided_at"])
    competition_changed(request.competition_id)
    return request
