"""Submitting: who may, the daily limit per team and UTC day, and background scoring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.competitions.models import Submission
from deepcommons.competitions.services import join_competition, submit
from deepcommons.competitions.tests.factories import (
    SOLUTION,
    csv_upload,
    make_competition,
    make_submission,
    table,
)

pytestmark = pytest.mark.django_db


def test_a_submission_is_scored_by_the_background_task(alice: User) -> None:
    competition = make_competition()
    submission = make_submission(competition, alice, {k: v + 1 for k, v in SOLUTION.items()})
    assert submission.status == Submission.Status.SCORED
    assert submission.public_score == pytest.approx(1.0)
    assert submission.private_score == pytest.approx(1.0)
    assert len(submission.sha256) == 64


def test_a_bad_file_is_recorded_with_its_error_and_does_not_count(alice: User) -> None:
    competition = make_competition(daily_limit=1)
    join_competition(competition=competition, user=alice)
    bad = submit(competition=competition, user=alice, upload=csv_upload("id,price\n1,2\n"))
    bad.refresh_from_db()
    assert bad.status == Submission.Status.ERROR
    assert bad.error_code == "columns"
    assert "id,target" in bad.error_message
    # The failed file does not use up the day's one submission.
    assert make_submission(competition, alice).status == Submission.Status.SCORED


def test_scoring_the_same_file_twice_gives_the_same_score(alice: User) -> None:
    competition = make_competition()
    values = {k: v * 0.9 for k, v in SOLUTION.items()}
    first = make_submission(competition, alice, values)
    second = make_submission(competition, alice, values)
    assert (first.public_score, first.private_score) == (second.public_score, second.private_score)
    assert first.sha256 == second.sha256


def test_the_daily_limit_is_per_team_and_utc_day(alice: User, bob: User) -> None:
    competition = make_competition(daily_limit=2)
    late = datetime.now(UTC).replace(hour=23, minute=50)
    for _ in range(2):
        make_submission(competition, alice, now=late)
    with pytest.raises(ValidationError, match="all 2 submissions for today"):
        make_submission(competition, alice, now=late)
    # Another team has its own count; the next UTC day starts afresh.
    make_submission(competition, bob, now=late)
    assert make_submission(competition, alice, now=late + timedelta(minutes=20)).pk


def test_only_members_who_accepted_the_rules_may_submit(alice: User) -> None:
    competition = make_competition()
    with pytest.raises(ValidationError, match="Accept the rules"):
        submit(competition=competition, user=alice, upload=csv_upload(table("target", SOLUTION)))


def test_no_submissions_before_the_start_or_after_the_end(alice: User) -> None:
    competition = make_competition()
    join_competition(competition=competition, user=alice)
    upload = csv_upload(table("target", SOLUTION))
    with pytest.raises(ValidationError, match="has ended"):
        submit(competition=competition, user=alice, upload=upload, now=competition.ends_at)
    with pytest.raises(ValidationError, match="not started"):
        submit(
            competition=competition,
            user=alice,
            upload=upload,
            now=competition.starts_at - timedelta(seconds=1),
        )


def test_a_file_over_the_limit_is_refused(alice: User) -> None:
    competition = make_competition(max_submission_bytes=100)
    join_competition(competition=competition, user=alice)
    with pytest.raises(ValidationError, match="larger than the limit"):
        submit(competition=competition, user=alice, upload=csv_upload(table("target", SOLUTION)))
    assert not Submission.objects.exists()


def test_joining_twice_keeps_one_solo_team(alice: User) -> None:
    competition = make_competition()
    team = join_competition(competition=competition, user=alice)
    assert join_competition(competition=competition, user=alice) == team
    assert team.name == "alice" and team.leader == alice
    assert competition.has_accepted_rules(alice)
    assert timezone.now() >= competition.starts_at
