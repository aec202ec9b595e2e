"""Rebuilding the cached totals from the ledger."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce

from deepcommons.accounts.models import User
from deepcommons.reputation.models import ReputationChange

# Every member starts with 1, as on Stack Overflow.
BASE_REPUTATION = 1


@dataclass(frozen=True)
class Difference:
    user_id: int
    username: str
    cached: int
    ledger: int


def _ledger_total() -> CombinedExpression:
    per_user = (
        ReputationChange.objects.filter(user_id=OuterRef("pk"))
        .order_by()
        .values("user_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(per_user, output_field=IntegerField()), Value(0)) + Value(
        BASE_REPUTATION
    )


def find_differences(*, limit: int | None = None) -> list[Difference]:
    """Members whose cached total differs from 1 + the sum of their ledger rows."""
    rows = (
        User.objects.annotate(ledger=_ledger_total())
        .exclude(reputation=F("ledger"))
        .order_by("pk")
        .values_list("pk", "username", "reputation", "ledger")
    )
    if limit is not None:
        rows = rows[:limit]
    return [Difference(pk, name, cached, ledger) for pk, name, cached, ledger in rows]


@transaction.atomic
def recompute_totals(*, fix: bool = True) -> list[Difference]:
    """Compare every cached total with the ledger; with `fix`, set them to the ledger's.

    One UPDATE over all members (a correlated sum per row, served by the
    (user, created_at) index), so it scales to millions of rows.
    """
    differences = find_differences()
    if fix and differences:
        table = User._meta.db_table
        ledger = ReputationChange._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET reputation = %s + COALESCE("  # noqa: S608
                f"(SELECT SUM(amount) FROM {ledger} WHERE {ledger}.user_id = {table}.id), 0)",
                [BASE_REPUTATION],
            )
    return differences
