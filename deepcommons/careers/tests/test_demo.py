from __future__ import annotations

from io import StringIO

import pytest

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.careers.demo import build
from deepcommons.careers.models import Application, Job, JobState, Stage, TalentProfile
from deepcommons.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_builds_jobs_talent_and_an_interview_without_orgs_demo() -> None:
    for n in range(6):
        UserFactory.create(username=f"demo{n}")
    out = StringIO()
    build(out)
    assert set(Organisation.objects.values_list("slug", flat=True)) >= {
        "deepvision-lab",
        "shanghai-ml-inc",
    }
    assert Job.objects.listed().count() == 3
    assert Job.objects.filter(state=JobState.EXPIRED).count() == 1
    assert Job.objects.filter(state=JobState.DRAFT).count() == 1
    assert TalentProfile.objects.filter(open_to_work=True).count() == 2
    assert Application.objects.get().stage == Stage.INTERVIEW
    build(out)  # a second run adds nothing
    assert Job.objects.count() == 5
    assert Application.objects.count() == 1


def test_demo_without_members_only_makes_the_organisations() -> None:
    build(StringIO())
    assert Organisation.objects.count() == 2
    assert not Job.objects.exists()
