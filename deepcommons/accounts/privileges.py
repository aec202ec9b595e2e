"""What reputation unlocks: one table of privileges and their thresholds.

The cached total lives on the user (`User.reputation`) and each privilege is
a `User` method (`user.can_upvote()`), so pages, the API and services ask the
same question the same way. Operators change thresholds with the
`REPUTATION_PRIVILEGES` setting (JSON). Moderators and staff hold every
privilege.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Privilege:
    name: str
    default: int
    title: Promise
    # Completes "You need N reputation to …".
    action: Promise

    @property
    def threshold(self) -> int:
        return thresholds()[self.name]


PRIVILEGES: tuple[Privilege, ...] = (
    Privilege("upvote", 15, _("Vote up"), _("vote up")),
    Privilege("comment", 50, _("Comment everywhere"), _("comment on others' posts")),
    Privilege("downvote", 125, _("Vote down"), _("vote down")),
    Privilege("create_tags", 500, _("Create tags"), _("create new tags")),
    Privilege("see_vote_split", 1000, _("See vote counts"), _("see up and down votes")),
    Privilege(
        "edit_without_review",
        2000,
        _("Edit freely"),
        _("edit others' posts without review"),
    ),
    Privilege("vote_to_close", 3000, _("Close and reopen"), _("vote to close or reopen")),
    Privilege("moderation_tools", 10000, _("Moderation tools"), _("use the moderation tools")),
)
BY_NAME = {privilege.name: privilege for privilege in PRIVILEGES}


def thresholds() -> dict[str, int]:
    overrides = dict(getattr(settings, "REPUTATION_PRIVILEGES", {}) or {})
    unknown = sorted(set(overrides) - set(BY_NAME))
    if unknown:
        raise ImproperlyConfigured(f"Unknown REPUTATION_PRIVILEGES keys: {', '.join(unknown)}")
    table = {privilege.name: privilege.default for privilege in PRIVILEGES}
    table.update({name: int(value) for name, value in overrides.items()})
    return table


def refusal(name: str, *, reputation: int) -> str:
    """Why a member with `reputation` may not use privilege `name` (both languages)."""
    privilege = BY_NAME[name]
    return str(
        _("You need %(threshold)s reputation to %(action)s (you have %(reputation)s).")
        % {
            "threshold": f"{privilege.threshold:,}",
            "action": privilege.action,
            "reputation": f"{reputation:,}",
        }
    )
