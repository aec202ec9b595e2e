"""Demo reputation: visit streaks for a few members, then every badge the
demo content earns, so `make run` shows badges, leaderboards and the
Reputation tab. Idempotent, as every demo builder."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.reputation.models import DailyVisit
from deepcommons.reputation.services.badges import award_badges

# (username, days in a row up to today): an Enthusiast, and one a little short.
STREAKS = {"ada_l": 45, "li_wei": 120, "zhang_min": 20}


def build_badges(stdout: Any) -> None:
    today = timezone.now().astimezone(UTC).date()
    users = {u.username: u for u in User.objects.filter(username__in=STREAKS)}
    visits = [
        DailyVisit(user=users[name], day=today - timedelta(days=offset), topics_entered=3)
        for name, days in STREAKS.items()
        if name in users
        for offset in range(days)
    ]
    DailyVisit.objects.bulk_create(visits, ignore_conflicts=True)
    awarded = award_badges()
    stdout.write(f"reputation: {awarded} badges awarded")


def build(stdout: Any) -> None:
    build_badges(stdout)
