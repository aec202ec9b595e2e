from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    theme = request.COOKIES.get("dc_theme", "auto")
    return {
        "site_name": "DeepCommons",
        "theme": theme if theme in ("light", "dark") else "auto",
        "LANGUAGES_AVAILABLE": settings.LANGUAGES,
    }
