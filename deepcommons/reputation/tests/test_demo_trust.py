"""The reputation demo part: trust levels computed and two open bounties, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from deepcommons.reputation.models import Bounty, BountyStatus
from deepcommons.reputation.services import find_differences


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_offers_two_bounties_once() -> None:
    call_command("demo", stdout=StringIO())
    assert Bounty.objects.filter(status=BountyStatus.OPEN).count() == 2
    call_command("demo", stdout=StringIO())
    assert Bounty.objects.count() == 2
    assert find_differences() == []
