"""Fixtures of the console's tests: people in each role, and their clients."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.accounts.tests.factories import UserFactory


def make_role(role: str, username: str) -> User:
    user = UserFactory.create(username=username)
    set_role(user=user, role=role)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def operator(db: None) -> User:
    return make_role("operator", "opal")


@pytest.fixture
def operator_client(operator: User) -> Client:
    client = Client()
    client.force_login(operator)
    return client


@pytest.fixture
def role_clients(db: None) -> dict[str, Client | None]:
    """A client per role that must NOT see the console (None is anonymous)."""
    clients: dict[str, Client | None] = {"anonymous": None}
    for role in ("member", "moderator"):
        client = Client()
        client.force_login(make_role(role, f"{role}_x"))
        clients[role] = client
    return clients


@pytest.fixture
def admin_client_ops(db: None) -> Client:
    client = Client()
    client.force_login(make_role("administrator", "admin_x"))
    return client
