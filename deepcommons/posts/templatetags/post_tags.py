"""Template reads about posts for the viewer (no writes, no business rules)."""

from __future__ import annotations

from typing import Any

from django import template

from deepcommons.posts.models import Post
from deepcommons.posts.views.common import moderates as _moderates

register = template.Library()


@register.simple_tag(takes_context=True)
def moderates(context: Any, post: Post) -> bool:
    """`{% moderates post as mod %}`: the viewer moderates `post` (site or space),
    without a query per post (see `posts.views.common.moderates`)."""
    request = context.get("request")
    return request is not None and _moderates(request, post)
