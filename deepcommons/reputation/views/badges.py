"""The badge pages: every badge by class, and one badge with its holders."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from deepcommons.core.pagination import page_or_first
from deepcommons.reputation.badges import CLASS_ORDER, all_badges, get_badge
from deepcommons.reputation.models import BadgeAward

PER_PAGE = 50


def badge_list(request: HttpRequest) -> HttpResponse:
    """All badges grouped by class, with their criteria and holder counts (one query)."""
    holders = dict(
        BadgeAward.objects.order_by()
        .values("badge")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("badge", "n")
    )
    groups = []
    for level in CLASS_ORDER:
        badges = [
            (badge, holders.get(badge.slug, 0)) for badge in all_badges() if badge.level == level
        ]
        groups.append((level, badges))
    return render(request, "reputation/badge_list.html", {"groups": groups})


def badge_detail(request: HttpRequest, badge_slug: str) -> HttpResponse:
    """A badge's criterion and its awards, newest first (keyset pages)."""
    badge = get_badge(badge_slug)
    if badge is None:
        raise Http404
    awards = (
        BadgeAward.objects.filter(badge=badge.slug, user__is_active=True)
        .select_related("user", "tag", "post", "post__parent")
        .defer(
            "user__bio",
            "user__bio_html",
            "post__body",
            "post__body_html",
            "post__parent__body",
            "post__parent__body_html",
        )
    )
    page = page_or_first(
        awards, field="awarded_at", cursor=request.GET.get("cursor", ""), per_page=PER_PAGE
    )
    context: dict[str, Any] = {
        "badge": badge,
        "page": page,
        "awards": page.items,
        "holder_count": BadgeAward.objects.filter(badge=badge.slug)
        .values("user_id")
        .distinct()
        .count(),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "reputation/badge_detail.html#award-rows", context)
    return render(request, "reputation/badge_detail.html", context)
