"""Small template helpers for learning pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`mapping[str(key)]`, or "" (the answers a member gave, by question id)."""
    if not isinstance(mapping, dict):
        return ""
    value = mapping.get(str(key), "")
    return "" if value is None else value


@register.inclusion_tag("learning/_post_notebooks.html", takes_context=True)
def post_notebooks(context: dict[str, Any], post: Any) -> dict[str, Any]:
    """The notebooks attached to `post`, and an "Attach a notebook" link for
    those who may add one. One query: meant for an article or tutorial page,
    or an answer list that is short."""
    from deepcommons.learning.models import Notebook
    from deepcommons.learning.services.notebooks import may_attach_notebook

    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "post": post,
        "notebooks": list(Notebook.objects.filter(post=post).order_by("created_at", "pk")),
        "can_attach": user is not None and may_attach_notebook(post, user),
    }
