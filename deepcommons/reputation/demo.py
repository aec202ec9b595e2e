"""Demo reputation: visit streaks for a few members, then every badge the
demo content earns, so `make run` shows badges, leaderboards and the
Reputation tab. Idempotent, as every demo builder."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

from django.core.exceptions import ValidationError
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


def build_trust_and_bounties(stdout: Any) -> None:
    """Trust levels from the demo's visits and votes, and two open bounties on
    unanswered-ish questions by members who can afford them. Idempotent."""
    from deepcommons.posts.models import Kind, Post
    from deepcommons.reputation.models import Bounty
    from deepcommons.reputation.services.bounties import offer_bounty
    from deepcommons.reputation.services.trust import compute_trust_levels

    moved = compute_trust_levels()
    stdout.write(f"reputation: trust levels moved {sum(moved.values())} members")
    if Bounty.objects.exists():
        return
    questions = (
        Post.objects.filter(kind=Kind.QUESTION, status="published", deleted_at__isnull=True)
        .select_related("author")
        .order_by("answer_count", "-created_at")
    )
    offered = 0
    for question in questions[:20]:
        if offered == 2:
            break
        asker = question.author
        if asker.reputation < 101:
            # The demo asker is given what they offer, through the ledger.
            from deepcommons.reputation.models import Reason
            from deepcommons.reputation.services.ledger import grant

            grant(user_id=asker.pk, amount=200, reason=Reason.ADJUSTED, key=f"demo:{asker.pk}")
            asker.refresh_from_db()
        try:
            offer_bounty(question=question, by=asker, amount=100 if offered else 50)
        except ValidationError:
            continue
        offered += 1
    stdout.write(f"reputation: {offered} bounties offered")


def build(stdout: Any) -> None:
    build_trust_and_bounties(stdout)
    # Last: the badges count the bounties and everything else built before.
    build_badges(stdout)
