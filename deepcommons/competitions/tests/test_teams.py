"""Teams: invitations and mergers, with the deadline, size and combined-submission rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.competitions.models import Competition, MergeRequest, Submission, Team
from deepcommons.competitions.services import (
    accept_merge,
    invite_user,
    join_competition,
    rename_team,
)
from deepcommons.competitions.tests.factories import make_competition, make_submission

pytestmark = pytest.mark.django_db


def _invite_and_accept(competition: Competition, inviter: User, invitee: User) -> Team:
    team = join_competition(competition=competition, user=inviter)
    join_competition(competition=competition, user=invitee)
    request = invite_user(team=team, username=invitee.username, by=inviter)
    return accept_merge(request=request, by=invitee)


def test_accepting_an_invitation_merges_members_and_submissions(alice: User, bob: User) -> None:
    competition = make_competition()
    make_submission(competition, bob)
    team = _invite_and_accept(competition, alice, bob)
    assert set(team.memberships.values_list("user__username", flat=True)) == {"alice", "bob"}
    assert Submission.objects.get().team == team
    assert Team.objects.filter(competition=competition).count() == 1
    assert competition.team_of(bob) == team


def test_only_the_invited_team_accepts(alice: User, bob: User, charlie: User) -> None:
    competition = make_competition()
    team = join_competition(competition=competition, user=alice)
    join_competition(competition=competition, user=bob)
    request = invite_user(team=team, username="bob", by=alice)
    with pytest.raises(PermissionDenied):
        accept_merge(request=request, by=alice)
    with pytest.raises(PermissionDenied):
        accept_merge(request=request, by=charlie)


def test_no_merger_after_the_deadline(alice: User, bob: User) -> None:
    competition = make_competition()
    team = join_competition(competition=competition, user=alice)
    join_competition(competition=competition, user=bob)
    request = invite_user(team=team, username="bob", by=alice)
    with pytest.raises(ValidationError, match="merger deadline has passed"):
        accept_merge(
            request=request, by=bob, now=competition.merger_deadline + timedelta(seconds=1)
        )
    request.refresh_from_db()
    assert request.status == MergeRequest.Status.PENDING


def test_the_size_limit_holds(alice: User, bob: User, charlie: User) -> None:
    competition = make_competition(max_team_size=2)
    _invite_and_accept(competition, alice, bob)
    team = competition.team_of(alice)
    assert team is not None
    join_competition(competition=competition, user=charlie)
    with pytest.raises(ValidationError, match="3 members; the limit is 2"):
        invite_user(team=team, username="charlie", by=alice)


def test_combined_submissions_today_must_fit_the_daily_limit(alice: User, bob: User) -> None:
    competition = make_competition(daily_limit=2)
    for _ in range(2):
        make_submission(competition, alice)
    make_submission(competition, bob)
    team = competition.team_of(alice)
    assert team is not None
    with pytest.raises(ValidationError, match="3 submissions today; a team may make 2"):
        invite_user(team=team, username="bob", by=alice)


def test_combined_totals_must_fit_the_days_run(alice: User, bob: User) -> None:
    # Day 1 of the competition: at most 2 in all, whatever the UTC days.
    competition = make_competition(daily_limit=2, starts_at=timezone.now() - timedelta(hours=1))
    yesterday = timezone.now() - timedelta(minutes=30)
    make_submission(competition, alice, now=yesterday)
    make_submission(competition, bob, now=yesterday)
    make_submission(competition, bob)
    team = competition.team_of(alice)
    assert team is not None
    with pytest.raises(ValidationError):
        invite_user(team=team, username="bob", by=alice)


def test_renaming_keeps_names_unique(alice: User, bob: User) -> None:
    competition = make_competition()
    team = join_competition(competition=competition, user=alice)
    join_competition(competition=competition, user=bob)
    with pytest.raises(ValidationError, match="Another team"):
        rename_team(team=team, name="BOB", by=alice)
    with pytest.raises(PermissionDenied):
        rename_team(team=team, name="x", by=bob)
    assert rename_team(team=team, name="  Deep   Learners ", by=alice).name == "Deep Learners"


def test_inviting_a_non_participant_is_refused(alice: User) -> None:
    competition = make_competition()
    team = join_competition(competition=competition, user=alice)
    UserFactory.create(username="outsider")
    with pytest.raises(ValidationError):
        invite_user(team=team, username="outsider", by=alice)


def test_the_team_page_invites_and_accepts(
    alice: User, bob: User, alice_client: Client, bob_client: Client, charlie_client: Client
) -> None:
    competition = make_competition()
    join_competition(competition=competition, user=alice)
    join_competition(competition=competition, user=bob)
    base = f"/competitions/{competition.slug}/team/"
    assert charlie_client.get(base).status_code == 404
    assert alice_client.post(base + "invite/", {"username": "bob"}).status_code == 302
    request = MergeRequest.objects.get()
    assert "invites your team" in bob_client.get(base).content.decode()
    bad = alice_client.post(base + "invite/", {"username": "nobody"})
    assert bad.status_code == 400 and "nobody" in bad.content.decode()
    assert bob_client.post(f"{base}requests/{request.pk}/accept/").status_code == 302
    assert competition.team_of(bob) == competition.team_of(alice)
