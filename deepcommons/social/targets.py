"""What can be followed, by a short public key ("user", "space", "post", …).

Social cannot import the apps above it, so they register their models here in
`AppConfig.ready()`: `register_followable("space", "spaces.Space")`. The key is
what URLs and the API use (`/follow/space/12/`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

CanFollow = Callable[[Any, models.Model], bool]


@dataclass(frozen=True)
class Followable:
    key: str
    model_label: str
    can_follow: CanFollow | None = None

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)


_followables: dict[str, Followable] = {}


def register_followable(key: str, model_label: str, *, can_follow: CanFollow | None = None) -> None:
    """Allow following objects of `model_label` under `key`.

    `can_follow(user, obj)` may refuse objects the user cannot see (a
    private space); without it anything that exists can be followed.
    """
    _followables[key] = Followable(key, model_label, can_follow)


def get_followable(key: str) -> Followable | None:
    return _followables.get(key)


def key_for_label(label: str) -> str | None:
    """The public key of a model label such as "accounts.user" (any case)."""
    return next(
        (f.key for f in _followables.values() if f.model_label.lower() == label.lower()), None
    )


def followable_for(obj: models.Model) -> Followable | None:
    label = obj._meta.label
    return next((f for f in _followables.values() if f.model_label == label), None)


def find_target(key: str, object_id: int, *, user: Any = None) -> models.Model | None:
    """The followable object `key`/`object_id` that `user` may follow, else None."""
    followable = get_followable(key)
    if followable is None:
        return None
    manager = followable.model._default_manager
    obj = manager.filter(pk=object_id).first()
    if obj is None:
        return None
    if getattr(obj, "is_active", True) is False:
        return None
    if followable.can_follow is not None and not followable.can_follow(user, obj):
        return None
    return obj


def describe(target: models.Model | None) -> dict[str, str]:
    """URL and title of a target, stored with notifications so lists need no joins."""
    if target is None:
        return {}
    url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""
    title = getattr(target, "title", None) or getattr(target, "name", None) or str(target)
    return {"url": str(url), "title": str(title)[:200]}


register_followable("user", "accounts.User")
