from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from deepcommons.accounts.models import ApiToken, User
from deepcommons.accounts.services import create_api_token


def _bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.django_db
def test_user_creates_a_token_and_uses_it(alice_client: Client, alice: User) -> None:
    response = alice_client.post("/settings/tokens/", {"name": "laptop"})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("dc_")
    token = ApiToken.objects.get(user=alice)
    assert token.key_hash != key and key not in token.key_hash
    me = Client().get("/api/v1/me", **_bearer(key))
    assert me.status_code == 200
    assert me.json()["username"] == "alice"
    assert me.json()["email"] == "alice@example.com"
    # The key is never shown again.
    assert key not in alice_client.get("/settings/tokens/").content.decode()


@pytest.mark.django_db
def test_revoked_token_stops_working(alice_client: Client, alice: User) -> None:
    token, key = create_api_token(user=alice, name="ci")
    alice_client.post(f"/settings/tokens/{token.pk}/revoke/")
    response = Client().get("/api/v1/me", **_bearer(key))
    assert response.status_code == 401
    assert response.json()["message"].startswith("Authentication required")


@pytest.mark.django_db
def test_another_user_cannot_revoke_my_token(bob_client: Client, alice: User) -> None:
    token, key = create_api_token(user=alice, name="ci")
    assert bob_client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404
    assert Client().get("/api/v1/me", **_bearer(key)).status_code == 200


@pytest.mark.django_db
def test_anonymous_cannot_see_tokens(client: Client) -> None:
    assert client.get("/settings/tokens/").status_code == 302


@pytest.mark.django_db
def test_empty_token_name_is_refused(alice_client: Client) -> None:
    response = alice_client.post("/settings/tokens/", {"name": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


@pytest.mark.django_db
def test_too_many_bad_tokens_from_one_address_get_429(alice: User) -> None:
    _token, key = create_api_token(user=alice, name="ok")
    client = Client(REMOTE_ADDR="10.1.1.1")
    for attempt in range(20):
        assert client.get("/api/v1/me", **_bearer(f"dc_wrong{attempt}")).status_code == 401
    blocked = client.get("/api/v1/me", **_bearer(key))
    assert blocked.status_code == 429
    assert blocked["Content-Type"].startswith("application/json")
    assert "Too many" in blocked.json()["message"]
    assert Client(REMOTE_ADDR="10.1.1.2").get("/api/v1/me", **_bearer(key)).status_code == 200


@pytest.mark.django_db
def test_create_api_token_command_prints_a_working_token(alice: User) -> None:
    out = StringIO()
    call_command("create_api_token", "Alice", stdout=out)
    key = out.getvalue().strip()
    assert Client().get("/api/v1/me", **_bearer(key)).json()["username"] == "alice"


@pytest.mark.django_db
def test_api_user_detail_is_public_and_case_insensitive(client: Client, alice: User) -> None:
    data = client.get("/api/v1/users/ALICE").json()
    assert data["username"] == "alice"
    assert "email" not in data


@pytest.mark.django_db
def test_api_errors_are_json(client: Client) -> None:
    for path, status in (("/api/v1/users/nobody", 404), ("/api/v1/me", 401), ("/api/v1/nope", 404)):
        response = client.get(path)
        assert response.status_code == status
        assert response["Content-Type"].startswith("application/json")
        assert "message" in response.json() or "detail" in response.json()


@pytest.mark.django_db
def test_openapi_schema_is_served(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/me" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
