"""Reading stats (daily visits) and the trust levels computed from them.

`record_visit` and `record_thread_read` are called by
`reputation.middleware.ReadingMiddleware`; `compute_trust_levels` by
`manage.py reputation trust` (nightly) and its task. Every stat is read for
all members at once, one grouped query per figure, so the nightly run costs
the same number of queries for ten members or a hundred thousand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import DELETED_USERNAME, TrustLevel, User
from deepcommons.posts.models import Kind, Post, Status, Vote
from deepcommons.reputation.models import DailyVisit
from deepcommons.reputation.trust import (
    REGULAR_WINDOW_DAYS,
    Requirement,
    requirements,
)

CHILD_KINDS = (Kind.ANSWER, Kind.REPLY)
TOPIC_KINDS = (Kind.QUESTION, Kind.DISCUSSION, Kind.ARTICLE, Kind.TUTORIAL)


def utc_day(moment: datetime | None = None) -> date:
    return (moment or timezone.now()).astimezone(UTC).date()


# --- reading ---------------------------------------------------------------
def record_visit(*, user_id: int, day: date) -> None:
    """The member was seen on `day` (UTC): one row, however often they come."""
    DailyVisit.objects.bulk_create([DailyVisit(user_id=user_id, day=day)], ignore_conflicts=True)


def record_threads_read(*, user_id: int, post_ids: list[int], day: date) -> None:
    """The member opened the threads `post_ids` on `day`: one topic entered
    each, and each thread's post plus every answer or reply it shows read.
    One statement (an upsert summing the threads' `answer_count`), on SQLite
    and PostgreSQL alike."""
    if not post_ids:
        return
    table = connection.ops.quote_name(DailyVisit._meta.db_table)
    posts = connection.ops.quote_name(Post._meta.db_table)
    marks = ", ".join(["%s"] * len(post_ids))
    shown = f"(SELECT SUM(1 + answer_count) FROM {posts} WHERE id IN ({marks}))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, day, topics_entered, posts_read) "
            f"VALUES (%s, %s, %s, COALESCE({shown}, %s)) "
            f"ON CONFLICT (user_id, day) DO UPDATE SET "
            f"topics_entered = {table}.topics_entered + EXCLUDED.topics_entered, "
            f"posts_read = {table}.posts_read + EXCLUDED.posts_read",
            [user_id, day, len(post_ids), *post_ids, len(post_ids)],
        )


# --- stats -----------------------------------------------------------------
@dataclass
class TrustStats:
    """One member's figures, all time (`total`) and over the regular window (`recent`)."""

    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    recent: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _grouped(rows: Iterable[dict[str, int]], key: str, value: str) -> dict[int, int]:
    return {row[key]: row[value] or 0 for row in rows}


def gather_stats(
    *, user_ids: Iterable[int] | None = None, now: datetime | None = None
) -> tuple[dict[int, TrustStats], int]:
    """Every member's figures (or `user_ids`'), and the topics created in the
    window (regular's 25 % is of those). A fixed number of grouped queries."""
    now = now or timezone.now()
    since = now - timedelta(days=REGULAR_WINDOW_DAYS)
    since_day = utc_day(since)
    ids = list(user_ids) if user_ids is not None else None
    stats: dict[int, TrustStats] = defaultdict(TrustStats)

    def scoped(queryset, column: str = "user_id"):  # type: ignore[no-untyped-def]
        return queryset if ids is None else queryset.filter(**{f"{column}__in": ids})

    visits = (
        scoped(DailyVisit.objects.all())
        .values("user_id")
        .annotate(
            days=Count("pk"),
            topics=Sum("topics_entered"),
            read=Sum("posts_read"),
            recent_days=Count("pk", filter=Q(day__gte=since_day)),
            recent_topics=Sum("topics_entered", filter=Q(day__gte=since_day)),
        )
    )
    for row in visits:
        s = stats[row["user_id"]]
        s.total["days_visited"] = row["days"]
        s.total["topics_entered"] = row["topics"] or 0
        s.total["posts_read"] = row["read"] or 0
        s.recent["days_visited"] = row["recent_days"]
        s.recent["topics_entered"] = row["recent_topics"] or 0

    likes = Vote.objects.filter(value=1)
    given = (
        scoped(likes)
        .values("user_id")
        .annotate(n=Count("pk"), recent=Count("pk", filter=Q(created_at__gte=since)))
    )
    for row in given:
        stats[row["user_id"]].total["likes_given"] = row["n"]
        stats[row["user_id"]].recent["likes_given"] = row["recent"]
    # A like on one's own post is not one received.
    received = (
        scoped(likes.exclude(post__author_id=F("user_id")), "post__author_id")
        .values("post__author_id")
        .annotate(n=Count("pk"), recent=Count("pk", filter=Q(created_at__gte=since)))
    )
    for row in received:
        stats[row["post__author_id"]].total["likes_received"] = row["n"]
        stats[row["post__author_id"]].recent["likes_received"] = row["recent"]

    children = Post.objects.filter(
        kind__in=CHILD_KINDS, status=Status.PUBLISHED, deleted_at__isnull=True
    )
    replies = (
        scoped(children, "author_id")
        .values("author_id")
        .annotate(
            n=Count("pk"),
            topics=Count("parent_id", distinct=True, filter=Q(created_at__gte=since)),
        )
    )
    for row in replies:
        stats[row["author_id"]].total["replies"] = row["n"]
        stats[row["author_id"]].recent["topics_replied"] = row["topics"]

    people = User.objects.filter(
        Q(suspended_until__gte=since) | Q(silenced_until__gte=since)
    ).values_list("pk", flat=True)
    punished = set(people if ids is None else people.filter(pk__in=ids))
    for user_id in ids if ids is not None else list(stats):
        stats[user_id].recent["not_suspended"] = 0 if user_id in punished else 1

    topics_created = Post.objects.filter(
        kind__in=TOPIC_KINDS,
        status=Status.PUBLISHED,
        deleted_at__isnull=True,
        created_at__gte=since,
    ).count()
    return stats, topics_created


def _meets(stats: TrustStats, level: int, topics_created: int) -> bool:
    figures = stats.recent if level == TrustLevel.REGULAR else stats.total
    return all(
        figures[r.stat] >= r.need for r in requirements(level, topics_created=topics_created)
    )


def level_for(*, current: int, stats: TrustStats, topics_created: int) -> int:
    """The level a member earns: never below basic or member once reached;
    regular only while its requirements hold; leader only by hand."""
    if current >= TrustLevel.LEADER:
        return current
    level = current
    if level < TrustLevel.BASIC and _meets(stats, TrustLevel.BASIC, topics_created):
        level = TrustLevel.BASIC
    if level == TrustLevel.BASIC and _meets(stats, TrustLevel.MEMBER, topics_created):
        level = TrustLevel.MEMBER
    if level >= TrustLevel.MEMBER:
        regular = _meets(stats, TrustLevel.REGULAR, topics_created)
        level = TrustLevel.REGULAR if regular else TrustLevel.MEMBER
    return level


@dataclass(frozen=True)
class Check:
    """One line of the profile's checklist."""

    label: str
    have: int
    need: int

    @property
    def done(self) -> bool:
        return self.have >= self.need


def next_level_checks(user: User, *, now: datetime | None = None) -> tuple[int | None, list[Check]]:
    """The level `user` works towards (None at regular and above) and its checklist."""
    if user.trust_level >= TrustLevel.REGULAR:
        return None, []
    target = user.trust_level + 1
    stats, topics_created = gather_stats(user_ids=[user.pk], now=now)
    mine = stats[user.pk]
    figures = mine.recent if target == TrustLevel.REGULAR else mine.total
    table: tuple[Requirement, ...] = requirements(target, topics_created=topics_created)
    return target, [Check(str(r.label), figures[r.stat], r.need) for r in table]


# --- writes ----------------------------------------------------------------
def compute_trust_levels(*, now: datetime | None = None) -> dict[int, int]:
    """Recompute every unlocked member's level; returns how many moved to each level."""
    stats, topics_created = gather_stats(now=now)
    current = (
        User.objects.filter(is_active=True, trust_level_locked=False)
        .exclude(username=DELETED_USERNAME)
        .values_list("pk", "trust_level")
    )
    moves: dict[int, list[int]] = defaultdict(list)
    for user_id, level in current:
        new = level_for(current=level, stats=stats[user_id], topics_created=topics_created)
        if new != level:
            moves[new].append(user_id)
    with transaction.atomic():
        for level, user_ids in moves.items():
            for start in range(0, len(user_ids), 500):
                User.objects.filter(
                    pk__in=user_ids[start : start + 500], trust_level_locked=False
                ).update(trust_level=level)
    return {level: len(user_ids) for level, user_ids in moves.items()}


def set_trust_level(*, user: User, level: int, locked: bool, by: User) -> User:
    """A staff member sets `user`'s level by hand (leader is only ever set so).

    `locked` keeps the nightly run from changing it; unlocking hands the
    member back to the computed levels.
    """
    if not (by.is_staff or by.is_moderator):
        raise PermissionDenied
    if level not in TrustLevel.values:
        raise ValidationError(_("Choose a trust level between 0 and 4."))
    if level == TrustLevel.LEADER and not locked:
        raise ValidationError(_("Leader is only ever set by hand, so it stays locked."))
    User.objects.filter(pk=user.pk).update(trust_level=level, trust_level_locked=locked)
    user.trust_level = level
    user.trust_level_locked = locked
    return user
