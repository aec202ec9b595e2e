"""Leaderboards: who gained most reputation in a period, globally, in a
space or in a tag, and a tag's top answerers. Pages and the API share these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import User
from deepcommons.posts.models import Kind, Post, Status
from deepcommons.reputation.models import ReputationChange

PERIODS = {
    "week": _("This week"),
    "month": _("This month"),
    "year": _("This year"),
    "all": _("All time"),
}
LIMIT = 50
TOP_ANSWERERS_DAYS = 30


def period_start(period: str, *, now: datetime | None = None) -> datetime | None:
    """Start of the calendar period in UTC (weeks start on Monday); None for "all".
    Unknown periods raise ValueError."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    now = (now or timezone.now()).astimezone(UTC)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "week":
        return midnight - timedelta(days=midnight.weekday())
    if period == "month":
        return midnight.replace(day=1)
    if period == "year":
        return midnight.replace(month=1, day=1)
    return None


@dataclass(frozen=True)
class Entry:
    rank: int
    user: User
    value: int
    # Only for top answerers: answers in the tag.
    answers: int = 0


def _with_users(rows: list[tuple[int, int, int]]) -> list[Entry]:
    """Entries for active members only (deactivated ones leave the board)."""
    users = User.objects.filter(is_active=True).in_bulk([user_id for user_id, _v, _n in rows])
    shown = [
        (users[user_id], value, answers) for user_id, value, answers in rows if user_id in users
    ]
    return [Entry(rank, *row) for rank, row in enumerate(shown, start=1)]


def reputation_leaders(
    *,
    period: str = "week",
    space_id: int | None = None,
    tag_id: int | None = None,
    limit: int = LIMIT,
) -> list[Entry]:
    """Members by reputation gained in `period` (net of anything taken back),
    most first; two queries."""
    rows = ReputationChange.objects.all()
    start = period_start(period)
    if start is not None:
        rows = rows.since(start)
    if space_id is not None:
        rows = rows.in_space(space_id)
    if tag_id is not None:
        rows = rows.in_tag(tag_id)
    gains = rows.gains_by_user(limit=limit)
    return _with_users([(user_id, gained, 0) for user_id, gained in gains])


def top_answerers(*, tag_id: int, days: int | None = None, limit: int = 20) -> list[Entry]:
    """Members by total score of their live answers under questions with the
    tag (answers posted in the last `days` days, or ever), with the number of
    those answers; two queries."""
    answers = Post.objects.filter(
        kind=Kind.ANSWER,
        deleted_at__isnull=True,
        status=Status.PUBLISHED,
        parent__deleted_at__isnull=True,
        parent__tags=tag_id,
    )
    if days is not None:
        answers = answers.filter(created_at__gte=timezone.now() - timedelta(days=days))
    rows = (
        answers.order_by()
        .values("author_id")
        .annotate(score=Sum("score"), n=Count("pk"))
        .order_by("-score", "-n", "author_id")
        .values_list("author_id", "score", "n")[:limit]
    )
    return _with_users([(a, int(s or 0), int(n)) for a, s, n in rows])
