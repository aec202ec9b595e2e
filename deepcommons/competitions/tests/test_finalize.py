"""Finalising: standings, medals by the documented rule, reputation, idempotence."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.competitions.models import Medal, Standing
from deepcommons.competitions.services import finalize_competition, medal_for
from deepcommons.competitions.tests.factories import SOLUTION, make_competition, make_submission
from deepcommons.reputation.models import ReputationChange

pytestmark = pytest.mark.django_db


def test_the_medal_rule() -> None:
    assert [medal_for(r, 5) for r in (1, 2, 3, 4)] == [Medal.GOLD, Medal.SILVER, Medal.BRONZE, ""]
    # 50 teams: gold top 5, silver top 10, bronze top 20.
    assert medal_for(5, 50) == Medal.GOLD and medal_for(6, 50) == Medal.SILVER
    assert medal_for(10, 50) == Medal.SILVER and medal_for(11, 50) == Medal.BRONZE
    assert medal_for(20, 50) == Medal.BRONZE and medal_for(21, 50) == ""
    # 12 teams: at least 1 gold, 2 silver, 3 bronze places... by percentage floor.
    assert [medal_for(r, 12) for r in (1, 2, 3, 4, 5, 6)] == [
        Medal.GOLD,
        Medal.SILVER,
        Medal.BRONZE,
        Medal.BRONZE,
        "",
        "",
    ]


def test_finalising_awards_medals_and_reputation_once(client: Client) -> None:
    competition = make_competition()
    users = [UserFactory.create(username=n) for n in ("ann", "ben", "cat", "dan")]
    for user, delta in zip(users, (1.0, 2.0, 2.0, 3.0), strict=True):
        make_submission(competition, user, {k: v + delta for k, v in SOLUTION.items()})
    with pytest.raises(ValidationError, match="after it ends"):
        finalize_competition(competition=competition)
    competition.ends_at = competition.starts_at + timedelta(days=1)
    competition.merger_deadline = competition.starts_at
    competition.save()
    standings = finalize_competition(competition=competition, by=competition.created_by)
    assert [(s.rank, s.medal) for s in standings] == [
        (1, Medal.GOLD),
        (2, Medal.SILVER),
        (2, Medal.SILVER),
        (4, ""),
    ]
    for user, gain in zip(users, (101, 51, 51, 1), strict=True):
        user.refresh_from_db()
        assert user.reputation == gain
    again = finalize_competition(competition=competition, by=competition.created_by)
    assert [s.pk for s in again] == [s.pk for s in standings]
    assert ReputationChange.objects.count() == 3
    assert Standing.objects.count() == 4
    users[0].refresh_from_db()
    assert users[0].reputation == 101
    html = client.get(f"/competitions/{competition.slug}/leaderboard/").content.decode()
    assert "medal-gold" in html and "Private leaderboard" in html


def test_only_hosts_finalise(alice: User, alice_client: Client) -> None:
    competition = make_competition()
    response = alice_client.post(f"/competitions/{competition.slug}/host/finalize/")
    assert response.status_code == 403
