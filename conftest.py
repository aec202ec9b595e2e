"""Shared fixtures: alice, bob and charlie, clients logged in as each."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    # Rate-limit counters live in the cache; each test starts from zero.
    cache.clear()


@pytest.fixture
def alice(db: None) -> User:
    return UserFactory(username="alice", display_name="Alice Liddell", email="alice@example.com")


@pytest.fixture
def bob(db: None) -> User:
    return UserFactory(username="bob", display_name="鲍勃", email="bob@example.com")


@pytest.fixture
def charlie(db: None) -> User:
    return UserFactory(username="charlie", display_name="Charlie", email="charlie@example.com")


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice: User) -> Client:
    return _client_for(alice)


@pytest.fixture
def bob_client(bob: User) -> Client:
    return _client_for(bob)


@pytest.fixture
def charlie_client(charlie: User) -> Client:
    return _client_for(charlie)
