"""The admin lists competitions and submissions without their private scores."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.competitions.tests.factories import SOLUTION, make_competition, make_submission

pytestmark = pytest.mark.django_db


def test_the_admin_hides_private_scores(alice: User, client: Client) -> None:
    competition = make_competition()
    submission = make_submission(competition, alice, {k: v + 0.123 for k, v in SOLUTION.items()})
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    assert client.get("/admin/competitions/competition/").status_code == 200
    listing = client.get("/admin/competitions/submission/")
    assert listing.status_code == 200
    detail = client.get(f"/admin/competitions/submission/{submission.pk}/change/")
    assert detail.status_code == 200
    assert "private_score" not in detail.content.decode()
