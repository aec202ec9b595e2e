"""Leaderboards: reputation gained per period, globally, in a space or in a
tag; and a tag's top answerers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from deepcommons.reputation.leaderboards import (
    PERIODS,
    TOP_ANSWERERS_DAYS,
    reputation_leaders,
    top_answerers,
)
from deepcommons.spaces.models import Space, Tag


def leaderboard(request: HttpRequest) -> HttpResponse:
    """`?period=week|month|year|all&space=<slug>&tag=<name>`; unknown values
    fall back to the whole site this week, so a stale link still shows a board."""
    period = request.GET.get("period", "week")
    if period not in PERIODS:
        period = "week"
    space = tag = None
    space_slug = request.GET.get("space", "").strip()
    if space_slug:
        space = Space.objects.filter(slug=space_slug).first()
    tag_name = request.GET.get("tag", "").strip().lower()
    if tag_name:
        tag = Tag.objects.filter(name=tag_name[:100]).first()
    entries = reputation_leaders(
        period=period,
        space_id=space.pk if space else None,
        tag_id=tag.pk if tag else None,
    )
    context: dict[str, Any] = {
        "entries": entries,
        "period": period,
        "periods": PERIODS.items(),
        "space": space,
        "tag": tag,
        "space_slug": space_slug,
        "tag_name": tag_name,
        "unknown_space": bool(space_slug) and space is None,
        "unknown_tag": bool(tag_name) and tag is None,
        "spaces": Space.objects.only("slug", "name_en", "name_zh"),
    }
    return render(request, "reputation/leaderboard.html", context)


def tag_top_answerers(request: HttpRequest, tag_name: str) -> HttpResponse:
    """The tag's best answerers by answer score, last 30 days and all time."""
    tag = get_object_or_404(Tag, name=tag_name.lower())
    context = {
        "tag": tag,
        "days": TOP_ANSWERERS_DAYS,
        "recent": top_answerers(tag_id=tag.pk, days=TOP_ANSWERERS_DAYS),
        "all_time": top_answerers(tag_id=tag.pk),
    }
    return render(request, "reputation/tag_top_answerers.html", context)
