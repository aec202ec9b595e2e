from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from deepcommons.accounts.models import ApiToken, User
from deepcommons.accounts.services import create_api_token
from deepcommons.accounts.tests.factories import DEFAULT_PASSWORD


def _logged_in(username: str) -> Client:
    # A real password login followed by allauth's reauthentication.
    client = Client()
    assert (
        client.post(
            "/accounts/login/", {"login": username, "password": DEFAULT_PASSWORD}
        ).status_code
        == 302
    )
    # Deleting an account asks for the password again.
    assert (
        client.post("/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD}).status_code == 302
    )
    return client


@pytest.mark.django_db
def test_export_contains_my_data_only(alice_client: Client, alice: User, bob: User) -> None:
    create_api_token(user=alice, name="laptop")
    response = alice_client.post("/settings/data/export/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["username"] == "alice"
    assert data["profile"]["display_name"] == "Alice Liddell"
    assert data["email_addresses"][0]["email"] == "alice@example.com"
    assert data["api_tokens"][0]["name"] == "laptop"
    assert "key_hash" not in json.dumps(data)
    assert "bob" not in json.dumps(data)


@pytest.mark.django_db
def test_export_needs_login_and_post(client: Client, alice_client: Client) -> None:
    assert client.post("/settings/data/export/").status_code == 302
    assert alice_client.get("/settings/data/export/").status_code == 405


@pytest.mark.django_db
def test_delete_account_removes_personal_data(alice: User, bob: User) -> None:
    client = _logged_in("alice")
    create_api_token(user=alice, name="x")
    response = client.post("/settings/data/delete/", {"confirm": "alice"})
    assert response.status_code == 302
    assert not User.objects.filter(username="alice").exists()
    assert not EmailAddress.objects.filter(email="alice@example.com").exists()
    assert not ApiToken.objects.filter(name="x").exists()
    assert User.objects.filter(username="deleted", is_active=False).exists()
    assert client.get("/api/v1/me").status_code == 401
    assert User.objects.filter(username="bob").exists()


@pytest.mark.django_db
def test_delete_needs_the_username_typed(alice: User) -> None:
    client = _logged_in("alice")
    response = client.post("/settings/data/delete/", {"confirm": "bob"})
    assert response.status_code == 400
    assert "That is not your username." in response.content.decode()
    assert User.objects.filter(username="alice").exists()


@pytest.mark.django_db
def test_delete_asks_for_reauthentication_after_a_remembered_login(
    alice_client: Client, alice: User
) -> None:
    # force_login leaves no fresh authentication record: allauth asks again.
    response = alice_client.post("/settings/data/delete/", {"confirm": "alice"})
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]
    assert User.objects.filter(username="alice").exists()


@pytest.mark.django_db
def test_anonymous_cannot_delete(client: Client, alice: User) -> None:
    response = client.post("/settings/data/delete/", {"confirm": "alice"})
    assert response.status_code == 302
    assert User.objects.filter(username="alice").exists()
