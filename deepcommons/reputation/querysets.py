"""Reads of the ledger, as chainable QuerySet methods."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Sum
from django.db.models.functions import TruncDate

if TYPE_CHECKING:
    from deepcommons.reputation.models import ReputationChange  # noqa: F401


class ReputationChangeQuerySet(models.QuerySet["ReputationChange"]):
    def live_grants(self) -> ReputationChangeQuerySet:
        """Rows that count and can still be taken back (not reversals, not reversed)."""
        return self.filter(undo_of__isnull=True, reversed=False)

    def for_key(self, key: str) -> ReputationChangeQuerySet:
        return self.filter(key=key)

    def since(self, moment: datetime) -> ReputationChangeQuerySet:
        return self.filter(created_at__gte=moment)

    def total(self) -> int:
        return int(self.aggregate(total=Sum("amount"))["total"] or 0)

    def totals_by_user(self) -> dict[int, int]:
        rows = self.values("user_id").annotate(total=Sum("amount")).order_by()
        return {row["user_id"]: int(row["total"]) for row in rows}

    # --- leaderboards and history (reputation.leaderboards) ----------------
    def in_space(self, space_id: int) -> ReputationChangeQuerySet:
        return self.filter(space_id=space_id)

    def in_tag(self, tag_id: int) -> ReputationChangeQuerySet:
        """Rows earned on posts with the tag; an answer counts under its question's tags."""
        from deepcommons.posts.models import Post

        tagged = Post.objects.filter(models.Q(tags=tag_id) | models.Q(parent__tags=tag_id))
        return self.filter(post_id__in=tagged.values("pk"))

    def gains_by_user(self, *, limit: int) -> list[tuple[int, int]]:
        """(user id, net reputation gained) of the `limit` members who gained
        most in these rows, most first, ties by the earlier member."""
        rows = (
            self.order_by()
            .values("user_id")
            .annotate(gained=Sum("amount"))
            .filter(gained__gt=0)
            .order_by("-gained", "user_id")
            .values_list("user_id", "gained")[:limit]
        )
        return [(int(user_id), int(gained)) for user_id, gained in rows]

    def by_day(self) -> list[tuple[date, int]]:
        """(UTC day, net change that day), oldest first, only days with rows."""
        rows = (
            self.order_by()
            .annotate(day=TruncDate("created_at", tzinfo=UTC))
            .values("day")
            .annotate(change=Sum("amount"))
            .order_by("day")
            .values_list("day", "change")
        )
        return [(day, int(change)) for day, change in rows]
