"""Screens for new content: higher apps (moderation's rate limits and spam
score) look at each new post, answer, reply and comment before it is saved.

Posts cannot import the apps above it, so they register here in their
AppConfig.ready(): `register_screen(fn)` with
`fn(*, author, kind, data) -> Verdict | None`. `kind` is the post kind or
"comment"; `data` holds `title`, `body` and `tags` (a list of names) for a
post, `body` for a comment, and `parent` for answers, replies and comments
(the post they go under).

The first screen that refuses wins; otherwise the first "hold" holds. A
refusal becomes a ValidationError (the form shows the message and keeps
the text); a hold creates the post with status "held", visible to its
author and moderators only, until a moderator releases or deletes it.
Comments can only be refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Verdict:
    action: Literal["refuse", "hold"]
    # "refuse": shown to the author; "hold": recorded on the post (hold_reason).
    message: str = ""

    @classmethod
    def refuse(cls, message: str) -> Verdict:
        return cls("refuse", message)

    @classmethod
    def hold(cls, reason: str) -> Verdict:
        return cls("hold", reason)


Screen = Callable[..., "Verdict | None"]
_screens: list[Screen] = []


def register_screen(fn: Screen) -> None:
    if fn not in _screens:
        _screens.append(fn)


def unregister_screen(fn: Screen) -> None:
    if fn in _screens:
        _screens.remove(fn)


def screen(*, author: Any, kind: str, data: dict[str, Any]) -> Verdict | None:
    """Ask every screen; raise ValidationError on a refusal, return a hold or None."""
    hold: Verdict | None = None
    for fn in list(_screens):
        verdict = fn(author=author, kind=kind, data=data)
        if verdict is None:
            continue
        if verdict.action == "refuse":
            raise ValidationError(verdict.message, code="screened")
        if verdict.action == "hold" and hold is None:
            hold = verdict
    return hold
