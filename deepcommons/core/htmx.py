"""htmx request helpers (django-htmx sets `request.htmx`; type checkers can't see it)."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True when htmx sent the request, so a fragment is the answer."""
    return bool(getattr(request, "htmx", False))
