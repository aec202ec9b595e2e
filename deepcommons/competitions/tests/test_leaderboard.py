"""Leaderboards: competition ranks for ties, and the private board hidden until the end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.competitions.leaderboard import board_for, competition_ranks, private_board
from deepcommons.competitions.models import Competition, Submission
from deepcommons.competitions.services import select_final
from deepcommons.competitions.tests.factories import SOLUTION, make_competition, make_submission

pytestmark = pytest.mark.django_db


def test_equal_scores_share_a_rank() -> None:
    assert competition_ranks([0.9, 0.8, 0.8, 0.7]) == [1, 2, 2, 4]
    assert competition_ranks([1.0, 1.0, 1.0]) == [1, 1, 1]
    assert competition_ranks([]) == []


def _offset(delta: float) -> dict[str, float]:
    return {k: v + delta for k, v in SOLUTION.items()}


def test_the_public_board_ranks_ties_and_lower_is_better() -> None:
    competition = make_competition()  # RMSE
    users = [UserFactory.create(username=n) for n in ("ann", "ben", "cat", "dan")]
    for user, delta in zip(users, (1.0, 2.0, 2.0, 3.0), strict=True):
        make_submission(competition, user, _offset(delta))
    which, rows = board_for(competition)
    assert which == "public"
    assert [(r.rank, r.team_name) for r in rows] == [(1, "ann"), (2, "ben"), (2, "cat"), (4, "dan")]
    assert rows[0].entries == 1 and rows[0].last_submission is not None


def test_a_team_shows_its_best_public_score_and_all_entries(alice: User) -> None:
    competition = make_competition()
    make_submission(competition, alice, _offset(3.0))
    make_submission(competition, alice, _offset(1.0))
    [row] = board_for(competition)[1]
    assert row.score == pytest.approx(1.0)
    assert row.entries == 2


def _end(competition: Competition) -> None:
    competition.ends_at = competition.starts_at + timedelta(days=1)
    competition.merger_deadline = competition.starts_at
    competition.save()


def test_private_scores_are_hidden_until_the_end(alice: User, client: Client) -> None:
    competition = make_competition()
    make_submission(competition, alice, _offset(1.0))
    html = client.get(f"/competitions/{competition.slug}/leaderboard/").content.decode()
    assert "Public leaderboard" in html and "Private leaderboard" not in html
    mine = Client()
    mine.force_login(alice)
    listing = mine.get(f"/competitions/{competition.slug}/submissions/").content.decode()
    assert "Private score" not in listing
    _end(competition)
    html = client.get(f"/competitions/{competition.slug}/leaderboard/").content.decode()
    assert "Private leaderboard" in html


def test_the_private_board_uses_the_picked_submissions(alice: User) -> None:
    competition = make_competition()
    good = make_submission(competition, alice, _offset(0.5))
    worse = make_submission(competition, alice, _offset(2.0))
    select_final(submission=worse, by=alice, selected=True)
    _end(competition)
    [row] = private_board(competition)
    assert row.score == pytest.approx(worse.private_score)
    assert row.score != pytest.approx(good.private_score)


def test_without_picks_the_two_best_public_count(alice: User) -> None:
    competition = make_competition()
    for delta in (3.0, 1.0, 2.0):
        make_submission(competition, alice, _offset(delta))
    _end(competition)
    [row] = private_board(competition)
    assert row.score == pytest.approx(1.0)


def test_at_most_two_final_picks(alice: User) -> None:
    from django.core.exceptions import ValidationError

    competition = make_competition()
    subs = [make_submission(competition, alice, _offset(d)) for d in (1.0, 2.0, 3.0)]
    select_final(submission=subs[0], by=alice, selected=True)
    select_final(submission=subs[1], by=alice, selected=True)
    with pytest.raises(ValidationError, match="at most 2"):
        select_final(submission=subs[2], by=alice, selected=True)
    assert Submission.objects.filter(is_selected=True).count() == 2


def test_the_board_page_reads_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries: object
) -> None:
    competition = make_competition()
    for n in range(6):
        make_submission(competition, UserFactory.create(username=f"member{n}"), _offset(n))
    url = f"/competitions/{competition.slug}/leaderboard/"
    client.get(url)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        assert client.get(url).status_code == 200
