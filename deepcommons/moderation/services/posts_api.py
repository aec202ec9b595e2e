"""The posts app's moderation services, looked up when called.

They are built alongside this app; looking them up by name keeps moderation
importable (and the parts that do not need them usable) until they exist."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured


def posts_service(name: str) -> Callable[..., Any]:
    from deepcommons.posts import services

    function = getattr(services, name, None)
    if function is None:
        try:
            from deepcommons.posts.services import moderation
        except ImportError:
            moderation = None  # type: ignore[assignment]
        function = getattr(moderation, name, None)
    if function is None:
        raise ImproperlyConfigured(f"posts.services.{name} does not exist yet")
    return function  # type: ignore[no-any-return]


def has_posts_service(name: str) -> bool:
    try:
        posts_service(name)
    except ImproperlyConfigured:
        return False
    return True
