"""A member's Reputation tab: graph, ledger, badges, top tags, heatmap, privileges."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from deepcommons.accounts.profiles import get_profile_or_404, profile_page_context
from deepcommons.reputation.profiles import reputation_tab_context


def profile_reputation(request: HttpRequest, username: str) -> HttpResponse:
    """Public, as on Stack Overflow: the same page for every viewer."""
    profile = get_profile_or_404(username)
    if profile.username != username:
        return redirect("reputation:profile-reputation", profile.username, permanent=True)
    context = reputation_tab_context(profile)
    context.update(profile_page_context(profile, tab="reputation"))
    return render(request, "reputation/profile_reputation.html", context)
