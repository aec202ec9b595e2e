"""Moderation test helpers: roles and trust set through the real services."""

from __future__ import annotations

from deepcommons.accounts.models import TrustLevel, User
from deepcommons.accounts.services import set_role
from deepcommons.accounts.tests.factories import UserFactory


def make_moderator(user: User | None = None) -> User:
    user = user or UserFactory.create()
    set_role(user=user, role="moderator")
    user.refresh_from_db()
    return user


def make_administrator(user: User | None = None) -> User:
    user = user or UserFactory.create()
    set_role(user=user, role="administrator")
    user.refresh_from_db()
    return user


def make_trusted(level: int = TrustLevel.MEMBER, reputation: int = 1, **kwargs: object) -> User:
    """A member at trust `level`; `reputation` set directly, as the privilege
    thresholds read it (the ledger is not what these tests are about)."""
    user = UserFactory.create(**kwargs)
    User.objects.filter(pk=user.pk).update(trust_level=level, reputation=reputation)
    user.refresh_from_db()
    return user
