"""What the competition views share: loading a competition and its tab context."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404

from deepcommons.competitions.models import Competition


def competition_or_404(slug: str) -> Competition:
    return get_object_or_404(Competition.objects.select_related("discussion_tag"), slug=slug)


def tab_context(request: HttpRequest, competition: Competition, tab: str) -> dict[str, Any]:
    user = request.user
    team = competition.team_of(user)
    return {
        "competition": competition,
        "tab": tab,
        "team": team,
        "is_host": competition.is_host(user),
        "accepted": team is not None or competition.has_accepted_rules(user),
    }


def private_file_response(file: Any, filename: str) -> FileResponse:
    """A private file as a download: never sniffed, never cached publicly."""
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
