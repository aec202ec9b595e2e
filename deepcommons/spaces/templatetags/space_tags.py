"""Template reads about spaces for the viewer (no writes, no business rules)."""

from __future__ import annotations

from typing import Any

from django import template

from deepcommons.spaces.models import Space
from deepcommons.spaces.moderation import request_powers

register = template.Library()


@register.simple_tag(takes_context=True)
def can_manage_space(context: Any, space: Space) -> bool:
    """`{% can_manage_space space as may %}`: show the settings link (one query per
    request at most, shared with the post pages' moderator check)."""
    request = context.get("request")
    if request is None:
        return False
    return space.can_be_managed_by(request.user, powers=request_powers(request))
