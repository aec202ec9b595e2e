"""Awarding badges: turn every newly qualifying pair into a `BadgeAward`."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.reputation.badges import Badge, BadgeClass, Per, all_badges, get_badge
from deepcommons.reputation.models import BadgeAward

BADGE_KIND = "badge"
# Rows per INSERT and keys per IN (…): well under SQLite's variable limit.
CHUNK = 500
COUNTER = {
    BadgeClass.GOLD: "gold_badges",
    BadgeClass.SILVER: "silver_badges",
    BadgeClass.BRONZE: "bronze_badges",
}


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _award(badge: Badge) -> list[int]:
    """Insert the badge's new awards; the ids of the members who really got one
    (a member appears once per award)."""
    wanted = {badge.award_key(user_id, obj): (user_id, obj) for user_id, obj in badge.qualifying()}
    if not wanted:
        return []
    held = set(BadgeAward.objects.filter(badge=badge.slug).values_list("key", flat=True))
    new_keys = [key for key in wanted if key not in held]
    if not new_keys:
        return []
    now = timezone.now()
    rows = []
    for key in new_keys:
        user_id, obj = wanted[key]
        rows.append(
            BadgeAward(
                user_id=user_id,
                badge=badge.slug,
                post_id=obj if badge.per == Per.POST else None,
                tag_id=obj if badge.per == Per.TAG else None,
                key=key,
                awarded_at=now,
            )
        )
    with transaction.atomic():
        BadgeAward.objects.bulk_create(rows, ignore_conflicts=True, batch_size=CHUNK)
        # A concurrent run may have inserted some of the same keys first; the
        # rows stamped with this run's moment are the ones this run added.
        winners: list[int] = []
        for chunk in _chunks(new_keys):
            winners.extend(
                BadgeAward.objects.filter(key__in=chunk, awarded_at=now).values_list(
                    "user_id", flat=True
                )
            )
        by_count: dict[int, list[int]] = defaultdict(list)
        for user_id, count in Counter(winners).items():
            by_count[count].append(user_id)
        field = COUNTER[badge.level]
        for count, user_ids in by_count.items():
            for start in range(0, len(user_ids), CHUNK):
                User.objects.filter(pk__in=user_ids[start : start + CHUNK]).update(
                    **{field: F(field) + count}
                )
    return winners


def _notify(badge: Badge, user_ids: list[int]) -> None:
    from deepcommons.social.services import notify_many

    notify_many(
        recipients=sorted(set(user_ids)),
        kind=BADGE_KIND,
        data={
            "badge": badge.slug,
            "level": str(badge.level),
            "title": str(badge.name),
            "url": reverse("reputation:badge-detail", kwargs={"badge_slug": badge.slug}),
        },
    )


def award_badges(*, badges: Iterable[str] | None = None, notify: bool = True) -> int:
    """Award every badge (or those whose slugs are given) to whoever newly
    qualifies; returns how many awards were inserted.

    Idempotent: each award has a unique key, so a re-run, or two runs at
    once, never award twice; the members' badge counters move by exactly
    what was inserted, and each winner is notified once per badge.
    """
    if badges is None:
        chosen = all_badges()
    else:
        chosen = []
        for slug in badges:
            badge = get_badge(slug)
            if badge is None:
                raise ValueError(f"unknown badge {slug!r}")
            chosen.append(badge)
    total = 0
    for badge in chosen:
        winners = _award(badge)
        total += len(winners)
        if winners and notify:
            _notify(badge, winners)
    return total
