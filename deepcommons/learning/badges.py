"""The "Path completed" badge, declared in reputation's badge registry.

Reputation sits below learning, so learning registers the badge in its
AppConfig.ready() and asks reputation to award it when a member completes
a path (`reputation.services.badges.award_badges`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from deepcommons.reputation.badges import Badge, BadgeClass, Pair, get_badge, register

PATH_COMPLETED = "path-completed"


class PathCompletedBadge(Badge):
    """Once: completed every step of at least one learning path."""

    def qualifying(self) -> Iterable[Pair]:
        from deepcommons.learning.models import Enrolment

        ids = Enrolment.objects.completed().order_by().values_list("user_id", flat=True)
        return {(int(user_id), None) for user_id in ids.distinct()}


def register_badges() -> None:
    if get_badge(PATH_COMPLETED) is None:
        register(
            PathCompletedBadge(
                PATH_COMPLETED,
                _("Path completed"),
                _("Completed every step of a learning path."),
                BadgeClass.BRONZE,
            )
        )
