"""Operators find the console in their menu; nobody else sees the link."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_user_menu_links_operators_to_the_console(
    operator_client: Client, role_clients: dict[str, Client | None]
) -> None:
    assert 'href="/ops/"' in operator_client.get("/").content.decode()
    for client in role_clients.values():
        assert 'href="/ops/"' not in (client or Client()).get("/").content.decode()
