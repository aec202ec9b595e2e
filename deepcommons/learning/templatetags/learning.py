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
