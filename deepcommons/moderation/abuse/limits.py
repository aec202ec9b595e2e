"""New members' content limits, as a posts screen.

Links, images and mentions per post come from `reputation.trust.limits_for`
(tighter for new members, lifted as trust grows); a post over one of them is
refused with a message that names the limit.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, ngettext

from deepcommons.moderation.abuse import content
from deepcommons.posts.screening import Verdict
from deepcommons.reputation.trust import limits_for


def screen_content_limits(*, author: Any, kind: str, data: dict[str, Any]) -> Verdict | None:
    if not content.screens_enabled():
        return None
    limits = limits_for(author)
    if (
        limits.links_per_post is None
        and limits.images_per_post is None
        and limits.mentions_per_post is None
    ):
        return None
    found = content.read(data.get("body", ""))
    checks = [
        (limits.links_per_post, len(found.links), _links_message),
        (limits.images_per_post, found.images, _images_message),
        (limits.mentions_per_post, found.mentions, _mentions_message),
    ]
    for limit, count, message in checks:
        if limit is not None and count > limit:
            return Verdict.refuse(message(limit, count))
    return None


def _lifts() -> str:
    return gettext("The limit lifts as you take part.")


def _links_message(limit: int, count: int) -> str:
    return (
        ngettext(
            "New members may post at most %(limit)d link; you have %(count)d.",
            "New members may post at most %(limit)d links; you have %(count)d.",
            limit,
        )
        % {"limit": limit, "count": count}
        + " "
        + _lifts()
    )


def _images_message(limit: int, count: int) -> str:
    return (
        ngettext(
            "New members may post at most %(limit)d image; you have %(count)d.",
            "New members may post at most %(limit)d images; you have %(count)d.",
            limit,
        )
        % {"limit": limit, "count": count}
        + " "
        + _lifts()
    )


def _mentions_message(limit: int, count: int) -> str:
    return (
        ngettext(
            "You may mention at most %(limit)d person in a post; you have %(count)d.",
            "You may mention at most %(limit)d people in a post; you have %(count)d.",
            limit,
        )
        % {"limit": limit, "count": count}
        + " "
        + _lifts()
    )
