"""A member's Questions, Answers and Articles tabs on their profile.

The profile page and its layout belong to accounts; posts serves these tabs
because they list posts, and registers them in `posts.profiles` so the
Summary page links them without accounts importing posts.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from deepcommons.accounts.profiles import get_profile_or_404, profile_page_context
from deepcommons.core.htmx import is_htmx
from deepcommons.core.pagination import page_or_first
from deepcommons.posts.profiles import PROFILE_TABS
from deepcommons.posts.querysets import SORT_FIELDS
from deepcommons.posts.views.common import visible_posts

PER_PAGE = 20
TEMPLATE = "posts/profile_posts.html"
# "latest" and "top" (all time) are the list orders that make sense for one person.
SORTS = ["latest", "top"]


def profile_posts(request: HttpRequest, username: str, tab: str) -> HttpResponse:
    """One page of the member's posts of the tab's kinds that the viewer may
    see: published ones, plus deleted ones for their author and moderators.
    Drafts stay on the author's drafts list, not here."""
    profile = get_profile_or_404(username)
    if profile.username != username:
        return redirect(f"posts:profile-{tab}", profile.username, permanent=True)
    sort = request.GET.get("sort", "latest")
    if sort not in SORTS:
        sort = "latest"
    _label, kinds = PROFILE_TABS[tab]
    posts = visible_posts(request).listing(kinds=kinds, sort=sort, period="all")
    posts = posts.filter(author=profile)
    if tab == "answers":
        # An answer whose question the viewer may not see would link to a 404.
        posts = posts.under(visible_posts(request))
    page = page_or_first(
        posts, field=SORT_FIELDS[sort], cursor=request.GET.get("cursor", ""), per_page=PER_PAGE
    )
    context: dict[str, Any] = {
        "profile": profile,
        "tab": tab,
        "sort": sort,
        "sorts": SORTS,
        "page": page,
        "posts": page.items,
        "list_url": request.path,
    }
    if is_htmx(request):
        return render(request, f"{TEMPLATE}#rows", context)
    context.update(profile_page_context(profile, tab=tab))
    return render(request, TEMPLATE, context)
