from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.events.tests.factories import make_organiser


@pytest.fixture
def organiser(db: None) -> User:
    return make_organiser()


@pytest.fixture
def organiser_client(organiser: User) -> Client:
    client = Client()
    client.force_login(organiser)
    return client
