"""Trust levels and what each one may do: the two tables.

Levels follow Discourse: new (0) → basic (1) → member (2) → regular (3),
computed nightly from reading and participation (`reputation.services.trust`);
leader (4) is only ever set by hand (and locked). Basic and member are never
lost; regular is, when a member falls below its requirements over the last
`REGULAR_WINDOW_DAYS` days.

`REQUIREMENTS` holds every threshold; `LIMITS` what each level may post.
Posts and the anti-abuse screening ask `limits_for(user)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import TrustLevel

# Regular is judged over this many recent days (Discourse: 100).
REGULAR_WINDOW_DAYS = 100
# "Topics entered" for regular: this share of the topics created in the
# window, capped (Discourse: 25 %, at most 500).
REGULAR_TOPICS_SHARE = 0.25
REGULAR_TOPICS_CAP = 500


@dataclass(frozen=True)
class Requirement:
    """One line of a level's checklist: `stat` must reach `need`.

    `stat` names a figure of `reputation.services.trust.TrustStats`; for
    regular they are counted over the last `REGULAR_WINDOW_DAYS` days.
    """

    stat: str
    need: int
    label: Promise


REQUIREMENTS: dict[int, tuple[Requirement, ...]] = {
    TrustLevel.BASIC: (
        Requirement("days_visited", 1, _("days visited")),
        Requirement("topics_entered", 5, _("topics entered")),
        Requirement("posts_read", 30, _("posts read")),
    ),
    TrustLevel.MEMBER: (
        Requirement("days_visited", 15, _("days visited")),
        Requirement("topics_entered", 20, _("topics entered")),
        Requirement("posts_read", 100, _("posts read")),
        Requirement("likes_given", 1, _("likes given")),
        Requirement("likes_received", 1, _("likes received")),
        Requirement("replies", 3, _("replies and answers posted")),
    ),
    TrustLevel.REGULAR: (
        Requirement("days_visited", 50, _("days visited in the last 100 days")),
        Requirement("topics_replied", 10, _("topics replied to in the last 100 days")),
        # `need` is filled per run: 25 % of the topics created in the window.
        Requirement("topics_entered", 0, _("topics entered in the last 100 days")),
        Requirement("likes_given", 30, _("likes given in the last 100 days")),
        Requirement("likes_received", 20, _("likes received in the last 100 days")),
        Requirement("not_suspended", 1, _("no suspension or silencing in the last 100 days")),
    ),
}


def regular_topics_need(topics_created: int) -> int:
    """Topics a regular must have entered, given the topics created in the window."""
    share = -(-topics_created * int(REGULAR_TOPICS_SHARE * 100) // 100)  # ceiling
    return min(REGULAR_TOPICS_CAP, share)


def requirements(level: int, *, topics_created: int = 0) -> tuple[Requirement, ...]:
    """The checklist of `level`, with regular's topic share worked out."""
    table = REQUIREMENTS.get(level, ())
    if level != TrustLevel.REGULAR:
        return table
    need = regular_topics_need(topics_created)
    return tuple(
        Requirement(r.stat, need, r.label) if r.stat == "topics_entered" else r for r in table
    )


@dataclass(frozen=True)
class Limits:
    """Most a member may put in one post, or post in a day; None is no limit."""

    links_per_post: int | None
    images_per_post: int | None
    mentions_per_post: int | None
    topics_per_day: int | None
    replies_per_day: int | None


# Discourse's defaults: new users get 2 links, 1 image and 2 mentions a post
# (everyone else 10 mentions) and at most 20 topics a day; on their first
# day, 3 topics and 10 replies (`FIRST_DAY`).
LIMITS: dict[int, Limits] = {
    TrustLevel.NEW: Limits(2, 1, 2, 20, None),
    TrustLevel.BASIC: Limits(None, None, 10, 20, None),
    TrustLevel.MEMBER: Limits(None, None, 10, None, None),
    TrustLevel.REGULAR: Limits(None, None, 10, None, None),
    TrustLevel.LEADER: Limits(None, None, None, None, None),
}
FIRST_DAY = Limits(2, 1, 2, 3, 10)
UNLIMITED = Limits(None, None, None, None, None)


def limits_for(user: Any, *, now: Any = None) -> Limits:
    """What `user` may post: their level's row, tighter on a new member's first
    day, none for staff and moderators."""
    if getattr(user, "is_staff", False) or getattr(user, "is_moderator", False):
        return UNLIMITED
    level = getattr(user, "trust_level", TrustLevel.NEW)
    if level == TrustLevel.NEW:
        now = now or timezone.now()
        joined = getattr(user, "date_joined", None)
        if joined is not None and now - joined < timedelta(days=1):
            return FIRST_DAY
    return LIMITS.get(level, LIMITS[TrustLevel.NEW])
