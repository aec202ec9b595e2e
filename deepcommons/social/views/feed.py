"""The personal feed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.htmx import is_htmx
from deepcommons.social.feed import FeedCursor, build_feed
from deepcommons.social.suggestions import people_to_follow, popular_targets

PAGE_SIZE = 20


@login_required
def feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    cursor = FeedCursor.decode(request.GET.get("cursor"))
    page = build_feed(user=request.user, cursor=cursor, limit=PAGE_SIZE)
    context: dict[str, Any] = {"page": page, "cursor": cursor}
    if not page.items and cursor is None:
        context["people"] = people_to_follow(user=request.user)
        context["popular"] = popular_targets(user=request.user)
    template = "social/feed.html#feed-items" if is_htmx(request) and cursor else "social/feed.html"
    return render(request, template, context)
