"""Empty-feed suggestions: people and popular followable things."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from deepcommons.accounts.models import User
from deepcommons.social.models import Follow
from deepcommons.social.targets import describe, followable_for


def people_to_follow(*, user: Any, limit: int = 5) -> list[User]:
    """The most-followed active members `user` does not follow yet (2 queries)."""
    user_ct = ContentType.objects.get_for_model(User)
    already = Follow.objects.filter(user=user, content_type=user_ct).values("object_id")
    followers = (
        Follow.objects.filter(content_type=user_ct, object_id=OuterRef("pk"))
        .values("object_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return list(
        User.objects.active()
        .exclude(pk=user.pk)
        .exclude(pk__in=already)
        .annotate(followers=Coalesce(Subquery(followers), 0))
        .order_by("-followers", "-date_joined")[:limit]
    )


@dataclass(frozen=True)
class Suggestion:
    key: str
    object_id: int
    title: str
    url: str
    followers: int


def popular_targets(*, user: Any, limit: int = 5) -> list[Suggestion]:
    """The most-followed spaces, tags and other non-user targets.

    Found generically through ContentType, so social needs no import of the
    apps that own them; one query for the counts plus one per target type.
    """
    user_ct = ContentType.objects.get_for_model(User)
    rows = list(
        Follow.objects.exclude(content_type=user_ct)
        .values("content_type_id", "object_id")
        .annotate(followers=Count("id"))
        .order_by("-followers", "object_id")[: limit * 3]
    )
    by_type: dict[int, list[int]] = {}
    for row in rows:
        by_type.setdefault(row["content_type_id"], []).append(row["object_id"])
    objects: dict[tuple[int, int], Any] = {}
    for ct_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        for found in model._default_manager.filter(pk__in=ids):
            objects[(ct_id, found.pk)] = found
    suggestions = []
    for row in rows:
        obj = objects.get((row["content_type_id"], row["object_id"]))
        followable = followable_for(obj) if obj is not None else None
        if obj is None or followable is None or followable.key == "post":
            continue
        info = describe(obj)
        suggestions.append(
            Suggestion(followable.key, obj.pk, info["title"], info["url"], row["followers"])
        )
    return suggestions[:limit]
