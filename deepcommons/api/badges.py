"""Badges: every badge, a badge's holders, a member's badges (public, read-only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from deepcommons.accounts.models import User
from deepcommons.api.schemas import ErrorOut
from deepcommons.core.pagination import keyset_page
from deepcommons.reputation.badges import Badge, all_badges, get_badge
from deepcommons.reputation.models import BadgeAward

router = Router(tags=["reputation"])
PAGE = 50


class BadgeOut(Schema):
    slug: str
    name: str
    description: str
    level: str
    per: str
    holders: int
    url: str


class AwardOut(Schema):
    badge: str
    username: str
    post_id: int | None
    tag: str | None
    awarded_at: datetime


class AwardPage(Schema):
    items: list[AwardOut]
    next_cursor: str | None


class UserBadgeOut(Schema):
    slug: str
    name: str
    level: str
    count: int


class UserBadgesOut(Schema):
    username: str
    gold: int
    silver: int
    bronze: int
    badges: list[UserBadgeOut]


def _badge(badge: Badge, holders: int) -> dict[str, Any]:
    return {
        "slug": badge.slug,
        "name": str(badge.name),
        "description": str(badge.description),
        "level": str(badge.level),
        "per": badge.per,
        "holders": holders,
        "url": f"/badges/{badge.slug}/",
    }


@router.get(
    "/badges",
    response=list[BadgeOut],
    auth=None,
    operation_id="deepcommons_api_reputation_badge_list",
)
def badge_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every badge, gold first, with its criterion and number of holders."""
    holders = dict(
        BadgeAward.objects.order_by()
        .values("badge")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("badge", "n")
    )
    return [_badge(b, holders.get(b.slug, 0)) for b in all_badges()]


@router.get(
    "/badges/{slug}/holders",
    response={200: AwardPage, 400: ErrorOut, 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_reputation_badge_holders",
)
def badge_holders(request: HttpRequest, slug: str, cursor: str = "") -> dict[str, Any]:
    """The badge's awards, newest first; pass `next_cursor` back as `cursor` for more."""
    badge = get_badge(slug)
    if badge is None:
        raise HttpError(404, _("Not found."))
    rows = BadgeAward.objects.filter(badge=badge.slug, user__is_active=True).select_related(
        "user", "tag"
    )
    page = keyset_page(rows, field="awarded_at", cursor=cursor, per_page=PAGE)
    return {
        "items": [
            {
                "badge": a.badge,
                "username": a.user.username,
                "post_id": a.post_id,
                "tag": a.tag.name if a.tag else None,
                "awarded_at": a.awarded_at,
            }
            for a in page.items
        ],
        "next_cursor": page.next_cursor,
    }


@router.get(
    "/users/{username}/badges",
    response={200: UserBadgesOut, 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_reputation_user_badges",
)
def user_badges(request: HttpRequest, username: str) -> dict[str, Any]:
    """A member's badge counts by class and each badge they hold, with how often."""
    user = get_object_or_404(User.objects.active().by_username(username))
    counts = (
        BadgeAward.objects.filter(user=user)
        .order_by()
        .values("badge")
        .annotate(n=Count("pk"))
        .values_list("badge", "n")
    )
    held = []
    for slug, n in counts:
        badge = get_badge(slug)
        if badge is not None:
            held.append(
                {"slug": slug, "name": str(badge.name), "level": str(badge.level), "count": n}
            )
    return {
        "username": user.username,
        "gold": user.gold_badges,
        "silver": user.silver_badges,
        "bronze": user.bronze_badges,
        "badges": held,
    }
