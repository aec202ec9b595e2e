"""Reads of the ledger, as chainable QuerySet methods."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Sum

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
