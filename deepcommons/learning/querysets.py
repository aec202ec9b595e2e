"""Reads of paths and enrolments, as chainable QuerySet methods."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from deepcommons.learning.models import Enrolment, Path  # noqa: F401


class PathQuerySet(models.QuerySet["Path"]):
    def published(self) -> PathQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: Any, *, staff: bool | None = None) -> PathQuerySet:
        """Published paths, and the viewer's own drafts (every draft for
        moderators and operators; pass `staff` when already known)."""
        if user is None or not user.is_authenticated:
            return self.published()
        if staff is None:
            staff = bool(user.is_moderator or user.is_operator)
        if staff:
            return self
        return self.filter(Q(is_published=True) | Q(author_id=user.pk))

    def in_space(self, space: Any) -> PathQuerySet:
        return self.filter(space=space) if space is not None else self

    def for_list(self) -> PathQuerySet:
        return self.select_related("space", "author")


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def of(self, user: Any) -> EnrolmentQuerySet:
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user_id=user.pk)

    def completed(self) -> EnrolmentQuerySet:
        return self.filter(completed_at__isnull=False)
