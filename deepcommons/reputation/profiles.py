"""What reputation adds to profiles and the members directory (see
accounts.profiles): the Reputation tab, and each member's reputation and
badge counts (columns on User, so no query)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any

from django.db.models import Count, Max, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import User
from deepcommons.accounts.profiles import Stat, register_profile_stats, register_profile_tab
from deepcommons.posts.models import Kind, Post, Status
from deepcommons.reputation import svg
from deepcommons.reputation.badges import CLASS_ORDER, Badge, get_badge
from deepcommons.reputation.models import BadgeAward, DailyVisit, ReputationChange

LEDGER_ROWS = 30
TOP_TAGS = 10


def member_stats(users: Sequence[User]) -> dict[int, list[Stat]]:
    """Reputation, and badges by class where the member has any, for each
    member (no query: they are User columns)."""
    result: dict[int, list[Stat]] = {}
    for user in users:
        url = reverse("reputation:profile-reputation", args=[user.username])
        stats = [
            Stat(
                "reputation",
                user.reputation,
                gettext("reputation"),
                url,
            )
        ]
        for key, count, label in (
            ("gold", user.gold_badges, ngettext("gold badge", "gold badges", user.gold_badges)),
            (
                "silver",
                user.silver_badges,
                ngettext("silver badge", "silver badges", user.silver_badges),
            ),
            (
                "bronze",
                user.bronze_badges,
                ngettext("bronze badge", "bronze badges", user.bronze_badges),
            ),
        ):
            if count:
                stats.append(Stat(key, count, label, url))
        result[user.pk] = stats
    return result


@dataclass(frozen=True)
class HeldBadge:
    badge: Badge
    count: int
    last_awarded: Any


def badges_of(user: User) -> list[tuple[str, list[HeldBadge]]]:
    """The member's badges by class (gold first), each with how many times it was earned."""
    rows = (
        BadgeAward.objects.filter(user=user)
        .order_by()
        .values("badge")
        .annotate(n=Count("pk"), last=Max("awarded_at"))
        .values_list("badge", "n", "last")
    )
    held: dict[str, list[HeldBadge]] = {level: [] for level in CLASS_ORDER}
    for slug, count, last in rows:
        badge = get_badge(slug)
        if badge is not None:
            held[badge.level].append(HeldBadge(badge, count, last))
    for items in held.values():
        items.sort(key=lambda h: h.last_awarded, reverse=True)
    return [(level, held[level]) for level in CLASS_ORDER]


def top_tags(user: User, *, limit: int = TOP_TAGS) -> list[tuple[str, int, int]]:
    """(tag, total answer score, answers) over the member's live answers, best first."""
    rows = (
        Post.objects.filter(
            author=user,
            kind=Kind.ANSWER,
            deleted_at__isnull=True,
            status=Status.PUBLISHED,
            parent__deleted_at__isnull=True,
            parent__tags__isnull=False,
        )
        .order_by()
        .values("parent__tags__name")
        .annotate(score=Sum("score"), n=Count("pk"))
        .order_by("-score", "-n", "parent__tags__name")
        .values_list("parent__tags__name", "score", "n")[:limit]
    )
    return [(name, int(score or 0), int(n)) for name, score, n in rows]


def activity(user: User, *, today: date) -> tuple[set[date], dict[date, int]]:
    """Days visited and live posts (of any kind) written per UTC day, last year."""
    since = today - timedelta(days=372)
    visits = set(DailyVisit.objects.filter(user=user, day__gte=since).values_list("day", flat=True))
    posts = dict(
        Post.objects.filter(
            author=user,
            deleted_at__isnull=True,
            status=Status.PUBLISHED,
            created_at__date__gte=since,
        )
        .order_by()
        .annotate(day=TruncDate("created_at", tzinfo=UTC))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    return visits, posts


def reputation_tab_context(user: User) -> dict[str, Any]:
    """Everything the Reputation tab shows (seven queries however long the history)."""
    today = timezone.now().astimezone(UTC).date()
    visits, posts = activity(user, today=today)
    ledger = (
        ReputationChange.objects.filter(user=user)
        .select_related("post", "post__parent")
        .defer("post__body", "post__body_html", "post__parent__body", "post__parent__body_html")[
            :LEDGER_ROWS
        ]
    )
    return {
        "graph": svg.reputation_graph(ReputationChange.objects.filter(user=user).by_day()),
        "heatmap": svg.activity_heatmap(visits=visits, posts=posts, today=today),
        "ledger": list(ledger),
        "badge_groups": badges_of(user),
        "top_tags": top_tags(user),
        "privileges": user.held_privileges(),
    }


def register() -> None:
    register_profile_tab("reputation", _("Reputation"), "reputation:profile-reputation", order=40)
    register_profile_stats(member_stats)
