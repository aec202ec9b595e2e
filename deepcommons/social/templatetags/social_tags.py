"""Template reads for the header bell and follow boxes (no writes, no business rules)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings

from deepcommons.accounts.models import User
from deepcommons.social import kinds
from deepcommons.social.models import Block, Follow, Mute, Notification
from deepcommons.social.targets import followable_for

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context: dict[str, Any]) -> int:
    return Notification.objects.unread_count(user=context.get("user"))


@register.simple_tag
def bell_poll_seconds() -> int:
    return int(getattr(settings, "SOCIAL_BELL_POLL_SECONDS", 30))


@dataclass(frozen=True)
class FollowState:
    target_type: str
    is_user: bool
    is_self: bool
    followers: int
    following: int
    is_following: bool
    is_muted: bool
    is_blocked: bool


@register.simple_tag(takes_context=True)
def follow_state(context: dict[str, Any], target: Any) -> FollowState | None:
    followable = followable_for(target)
    if followable is None:
        return None
    viewer = context.get("user")
    is_user = isinstance(target, User)
    signed_in = bool(getattr(viewer, "is_authenticated", False))
    followers, is_following = Follow.objects.follow_counts(target=target, viewer=viewer)
    # Only users and spaces can be muted, so only their boxes ask.
    mutable = followable.key in ("user", "space")
    return FollowState(
        target_type=followable.key,
        is_user=is_user,
        is_self=signed_in and is_user and getattr(viewer, "pk", None) == target.pk,
        followers=followers,
        following=Follow.objects.following_count(user=target) if is_user else 0,
        is_following=is_following,
        is_muted=mutable and Mute.objects.is_muted(user=viewer, target=target),
        is_blocked=signed_in
        and is_user
        and Block.objects.is_blocked(blocker=viewer, blocked=target),
    )


@register.filter
def kind_template(kind_key: str) -> str:
    try:
        return kinds.get_kind(kind_key).template
    except ValueError:
        return "social/notifications/unknown.html"
