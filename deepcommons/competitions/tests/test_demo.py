"""The demo builder: both competitions, scored submissions, medals; idempotent."""

from __future__ import annotations

import io

import pytest

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.competitions import demo
from deepcommons.competitions.leaderboard import board_for
from deepcommons.competitions.models import Competition, Medal, Standing, Submission

pytestmark = pytest.mark.django_db

NAMES = [
    "li_wei",
    "zhang_min",
    "wang_fang",
    "chen_jie",
    "liu_yang",
    "zhao_lei",
    "sun_li",
    "zhou_tao",
    "wu_xia",
    "huang_bo",
]


def test_the_demo_builds_a_running_and_a_finished_competition() -> None:
    UserFactory.create(username="admin", is_superuser=True, is_staff=True)
    for name in NAMES:
        UserFactory.create(username=name)
    demo.build(io.StringIO())
    running = Competition.objects.get(slug=demo.TEXT_SLUG)
    finished = Competition.objects.get(slug=demo.HOUSE_SLUG)
    assert not Submission.objects.exclude(status=Submission.Status.SCORED).exists()
    which, rows = board_for(running)
    assert which == "public" and len(rows) == 4
    assert (
        running.team_of(UserFactory._meta.model.objects.get(username="zhang_min")).name == "li_wei"
    )
    which, rows = board_for(finished)
    assert which == "private" and rows[0].medal == Medal.GOLD
    assert finished.finalized_at is not None
    counts = (Competition.objects.count(), Submission.objects.count(), Standing.objects.count())
    demo.build(io.StringIO())
    assert (
        Competition.objects.count(),
        Submission.objects.count(),
        Standing.objects.count(),
    ) == counts
