"""htmx request helpers: the one way views ask "does htmx want a fragment?"."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True when htmx sent the request for a fragment.

    django-htmx sets `request.htmx` (type checkers can't see it). A boosted
    request (`hx-boost` navigation) wants the whole page, so it is not one.
    """
    details = getattr(request, "htmx", None)
    return details is not None and bool(details) and not details.boosted
