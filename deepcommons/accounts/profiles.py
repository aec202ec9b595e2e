"""What the apps above accounts add to profiles and the members directory.

A profile shows a member's activity, but that activity (questions, answers,
articles) lives in apps that accounts may not import. They register here from
their `AppConfig.ready()`:

- `register_profile_tab`: a tab after Summary, served by the registering app
  at the URL name it gives (the view takes `username`, and renders its page
  with `profile_page_context`, extending `accounts/profile_base.html`);
- `register_profile_stats`: a function that, for a page of members, returns
  the figures their profile header and directory card show, in a constant
  number of queries however many members there are;
- `register_profile_summary`: a function that renders the app's part of the
  Summary tab (say, a member's top posts) for this viewer, as HTML.

Stats are public facts (published, live content), the same for every viewer,
so a card or header never depends on who looks at it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import User


@dataclass(frozen=True)
class ProfileTab:
    key: str
    label: str | Promise
    url_name: str
    order: int


@dataclass(frozen=True)
class Stat:
    """One figure: `value` shown large, `label` (already pluralised) beside it."""

    key: str
    value: int
    label: str
    url: str = ""


StatsProvider = Callable[[Sequence[User]], dict[int, list[Stat]]]
SummaryRenderer = Callable[[HttpRequest, User], str]

_tabs: dict[str, ProfileTab] = {}
_stats: list[StatsProvider] = []
_summaries: dict[str, tuple[int, SummaryRenderer]] = {}


def register_profile_tab(key: str, label: str | Promise, url_name: str, *, order: int) -> None:
    _tabs[key] = ProfileTab(key=key, label=label, url_name=url_name, order=order)


def register_profile_stats(provider: StatsProvider) -> None:
    if provider not in _stats:
        _stats.append(provider)


def register_profile_summary(key: str, render: SummaryRenderer, *, order: int) -> None:
    _summaries[key] = (order, render)


def summary_sections(request: HttpRequest, profile: User) -> list[SafeString]:
    """Each registered part of the Summary tab, rendered for `request.user`."""
    parts = sorted(_summaries.values(), key=lambda part: part[0])
    # Renderers return the output of their own templates, escaped there.
    return [mark_safe(render(request, profile)) for _order, render in parts]


def profile_tabs(profile: User) -> list[tuple[str, str | Promise, str]]:
    """(key, label, url) of every tab, Summary first."""
    tabs: list[tuple[str, str | Promise, str]] = [
        ("summary", _("Summary"), profile.get_absolute_url())
    ]
    for tab in sorted(_tabs.values(), key=lambda t: t.order):
        tabs.append((tab.key, tab.label, reverse(tab.url_name, args=[profile.username])))
    return tabs


def stats_for(users: Sequence[User]) -> dict[int, list[Stat]]:
    """Every registered figure for each of `users`, by user id (one query per provider)."""
    result: dict[int, list[Stat]] = {user.pk: [] for user in users}
    if not users:
        return result
    for provider in _stats:
        for user_id, stats in provider(users).items():
            result.setdefault(user_id, []).extend(stats)
    return result


def get_profile_or_404(username: str) -> User:
    """The active member called `username` in any case; 404 for anyone else
    (unknown, deactivated, or the deleted-content placeholder)."""
    profile = User.objects.active().prefetch_related("groups").by_username(username).first()
    if profile is None:
        raise Http404
    return profile


def profile_page_context(profile: User, *, tab: str) -> dict[str, Any]:
    """What `accounts/profile_base.html` needs: the header, figures and tabs."""
    return {
        "profile": profile,
        "stats": stats_for([profile])[profile.pk],
        "tabs": profile_tabs(profile),
        "active_tab": tab,
    }
