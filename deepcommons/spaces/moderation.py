"""Who moderates what: site moderators everything, space moderators their spaces.

A page asks once per request (`request_powers`), so checking every row of a
list or every answer on a question page costs no further query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpRequest

from deepcommons.accounts.models import User
from deepcommons.spaces.models import Space

# The role groups whose members moderate the whole site (accounts.services).
SITE_MODERATOR_GROUPS = ("Moderators", "Administrators")


@dataclass(frozen=True)
class ModeratorPowers:
    """`site`: moderates every post; `space_ids`: the spaces moderated besides."""

    site: bool = False
    space_ids: frozenset[int] = field(default_factory=frozenset)

    def covers(self, space_id: int | None) -> bool:
        """Whether these powers reach a post in `space_id` (None: no space)."""
        return self.site or (space_id is not None and space_id in self.space_ids)

    @property
    def any(self) -> bool:
        return self.site or bool(self.space_ids)


NO_POWERS = ModeratorPowers()


def moderator_powers(user: Any) -> ModeratorPowers:
    """`user`'s powers in one query (none for anonymous visitors and superusers).

    Same rule as `User.is_moderator` for the site: superusers and the
    Moderators and Administrators groups.
    """
    if user is None or not user.is_authenticated:
        return NO_POWERS
    if user.is_superuser:
        return ModeratorPowers(site=True)
    # One UNION ALL: 0 for a moderator group (space ids are never 0), then
    # the ids of the spaces the user moderates. Plain SQL: every signed-in
    # page asks, and the ORM took longer to build the union than to run it.
    q = connection.ops.quote_name
    user_groups = User.groups.through
    marks = ", ".join(["%s"] * len(SITE_MODERATOR_GROUPS))
    sql = (
        f"SELECT 0 FROM {q(Group._meta.db_table)} g"
        f" JOIN {q(user_groups._meta.db_table)} ug ON ug.group_id = g.id"
        f" WHERE ug.user_id = %s AND g.name IN ({marks})"
        f" UNION ALL SELECT space_id FROM {q(Space.moderators.through._meta.db_table)}"
        f" WHERE user_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, *SITE_MODERATOR_GROUPS, user.pk])
        ids = {int(row[0]) for row in cursor.fetchall()}
    return ModeratorPowers(site=0 in ids, space_ids=frozenset(ids - {0}))


def request_powers(request: HttpRequest) -> ModeratorPowers:
    """`moderator_powers(request.user)`, asked once per request."""
    powers: ModeratorPowers | None = getattr(request, "_dc_powers", None)
    if powers is None:
        powers = moderator_powers(getattr(request, "user", None))
        request._dc_powers = powers  # type: ignore[attr-defined]
    return powers
