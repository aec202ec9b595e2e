"""Turning a service's refusal into a JSON error."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from ninja.errors import HttpError

T = TypeVar("T")


def call_service(fn: Callable[[], T]) -> T:
    """Run a service; its ValidationError becomes a JSON 400 with its first message."""
    try:
        return fn()
    except ValidationError as error:
        raise HttpError(400, error.messages[0]) from None
