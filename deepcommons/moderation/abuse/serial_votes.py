"""Serial voting: many votes from one member on another member's posts.

`reverse_serial_votes` finds, among the votes of the last `days` days, each
voter → author pair with at least `threshold` votes inside one window of
`window_hours`, retracts those votes through `posts.services.vote(value=0)`
(so the ledger takes back exactly the reputation they gave) and writes one
audit entry per pair. Retracted votes are gone, so a second run finds
nothing: the job is idempotent and safe to run nightly.

Defaults come from settings: ABUSE_SERIAL_VOTES_THRESHOLD (10),
ABUSE_SERIAL_VOTES_WINDOW_HOURS (24), ABUSE_SERIAL_VOTES_DAYS (7).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction
from deepcommons.moderation.services import log_action
from deepcommons.posts import services as post_services
from deepcommons.posts.models import Post, Vote


@dataclass
class SerialVoting:
    """One voter → author pair found voting serially, and what was undone."""

    voter_id: int
    author_id: int
    vote_ids: list[int] = field(default_factory=list)
    reversed_votes: int = 0
    reputation_reversed: int = 0


def default_threshold() -> int:
    return int(getattr(settings, "ABUSE_SERIAL_VOTES_THRESHOLD", 10))


def default_window_hours() -> int:
    return int(getattr(settings, "ABUSE_SERIAL_VOTES_WINDOW_HOURS", 24))


def default_days() -> int:
    return int(getattr(settings, "ABUSE_SERIAL_VOTES_DAYS", 7))


def find_serial_votes(
    *, days: int, threshold: int, window_hours: int, now: datetime | None = None
) -> list[SerialVoting]:
    """Pairs with ≥ `threshold` votes inside one `window_hours` window, and those votes."""
    since = (now or timezone.now()) - timedelta(days=days)
    rows = (
        Vote.objects.filter(created_at__gte=since)
        .exclude(post__author_id=None)
        .values_list("pk", "user_id", "post__author_id", "created_at")
        .order_by("created_at", "pk")
    )
    by_pair: dict[tuple[int, int], list[tuple[int, datetime]]] = defaultdict(list)
    for pk, voter_id, author_id, created_at in rows:
        if voter_id != author_id:
            by_pair[(voter_id, author_id)].append((pk, created_at))
    window = timedelta(hours=window_hours)
    found = []
    for (voter_id, author_id), votes in by_pair.items():
        flagged: set[int] = set()
        start = 0
        # Two pointers over the votes in time order: votes[start..end] is
        # the longest run ending at `end` that fits in one window.
        for end in range(len(votes)):
            while votes[end][1] - votes[start][1] > window:
                start += 1
            if end - start + 1 >= threshold:
                flagged.update(pk for pk, _at in votes[start : end + 1])
        if flagged:
            found.append(SerialVoting(voter_id, author_id, sorted(flagged)))
    return found


def reverse_serial_votes(
    *,
    days: int | None = None,
    threshold: int | None = None,
    window_hours: int | None = None,
) -> list[SerialVoting]:
    """Retract every serial vote found and log one audit entry per pair."""
    found = find_serial_votes(
        days=default_days() if days is None else days,
        threshold=default_threshold() if threshold is None else threshold,
        window_hours=default_window_hours() if window_hours is None else window_hours,
    )
    for pair in found:
        _reverse_pair(pair)
    return [pair for pair in found if pair.reversed_votes]


@transaction.atomic
def _reverse_pair(pair: SerialVoting) -> None:
    voter = User.objects.get(pk=pair.voter_id)
    author = User.objects.get(pk=pair.author_id)
    reputation_before = author.reputation
    votes = Vote.objects.filter(pk__in=pair.vote_ids).select_related("post")
    for vote in votes:
        post: Post = vote.post
        try:
            post_services.vote(post=post, user=voter, value=0)
        except (PermissionDenied, ValidationError):
            # A deleted or hidden post: its deletion already took back
            # what it earned, and the vote cannot be retracted here.
            continue
        pair.reversed_votes += 1
    if not pair.reversed_votes:
        return
    author.refresh_from_db(fields=["reputation"])
    pair.reputation_reversed = reputation_before - author.reputation
    log_action(
        actor=None,
        action=AuditAction.SERIAL_VOTING,
        target=voter,
        reason=f"{pair.reversed_votes} votes by @{voter.username} on posts by "
        f"@{author.username} reversed",
        before={
            "voter": voter.username,
            "author": author.username,
            "votes": pair.reversed_votes,
            "author_reputation": reputation_before,
        },
        after={
            "author_reputation": author.reputation,
            "reputation_reversed": pair.reputation_reversed,
        },
    )
