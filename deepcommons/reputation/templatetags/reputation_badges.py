"""`{% load reputation_badges %}`: a badge's name and criterion in the
viewer's language from its slug (notifications store only the slug)."""

from __future__ import annotations

from django import template

from deepcommons.reputation.badges import get_badge

register = template.Library()


@register.filter
def badge_name(slug: str) -> str:
    badge = get_badge(str(slug))
    return str(badge.name) if badge is not None else str(slug)
