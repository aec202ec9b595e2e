"""Badges: code objects in one registry.

Each badge is an instance of a `Badge` subclass: a slug, a name, a
description that states its criterion, a class (bronze, silver, gold) and
what it is earned for (`per`: once, per post or per tag). `qualifying()`
returns every (user id, post or tag id) pair that meets the criterion now,
computed with a few bulk queries; `reputation.services.badges.award_badges`
turns the new pairs into `BadgeAward` rows. Awards are never taken back when
a member later drops below the line, as on Stack Overflow.

The definitions live in `reputation.badges.catalogue`, imported below so the
registry is full as soon as this package is imported.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# A qualifying pair: (user id, post id or tag id, None for once-only badges).
Pair = tuple[int, int | None]


class BadgeClass(models.TextChoices):
    GOLD = "gold", _("Gold")
    SILVER = "silver", _("Silver")
    BRONZE = "bronze", _("Bronze")


class Per(models.TextChoices):
    ONCE = "once", _("once")
    POST = "post", _("per post")
    TAG = "tag", _("per tag")


# The order pages list classes in.
CLASS_ORDER = (BadgeClass.GOLD, BadgeClass.SILVER, BadgeClass.BRONZE)


class Badge:
    """One badge. Subclasses implement `qualifying()`."""

    per: str = Per.ONCE

    def __init__(
        self, slug: str, name: Promise | str, description: Promise | str, level: str
    ) -> None:
        self.slug = slug
        self.name = name
        self.description = description
        self.level = BadgeClass(level)

    def __repr__(self) -> str:
        return f"<Badge {self.slug}>"

    def qualifying(self) -> Iterable[Pair]:
        raise NotImplementedError

    def award_key(self, user_id: int, object_id: int | None) -> str:
        """The unique key of an award: one per member, or per member and post or tag."""
        if self.per == Per.ONCE:
            return f"{self.slug}:{user_id}"
        return f"{self.slug}:{user_id}:{object_id}"

    @property
    def level_label(self) -> Promise | str:
        return self.level.label

    @property
    def per_label(self) -> Promise | str:
        return Per(self.per).label


_registry: dict[str, Badge] = {}


def register(badge: Badge) -> Badge:
    if badge.slug in _registry:
        raise ValueError(f"badge {badge.slug!r} is registered twice")
    if len(badge.slug) > 60:
        raise ValueError("badge slugs are at most 60 characters")
    _registry[badge.slug] = badge
    return badge


def all_badges() -> list[Badge]:
    """Every badge: gold first, then silver, then bronze, each in definition order."""
    return sorted(_registry.values(), key=lambda b: CLASS_ORDER.index(b.level))


def get_badge(slug: str) -> Badge | None:
    return _registry.get(slug)


from deepcommons.reputation.badges import catalogue  # noqa: E402, F401
