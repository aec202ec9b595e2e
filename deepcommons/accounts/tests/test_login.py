from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import DEFAULT_PASSWORD


def _login(client: Client, login: str, password: str, **extra: str):
    return client.post("/accounts/login/", {"login": login, "password": password, **extra})


@pytest.mark.django_db
def test_login_by_username_in_any_case(client: Client, alice: User) -> None:
    assert _login(client, "ALICE", DEFAULT_PASSWORD).status_code == 302
    assert client.get("/api/v1/me").json()["username"] == "alice"


@pytest.mark.django_db
def test_login_by_email(client: Client, alice: User) -> None:
    assert _login(client, "alice@example.com", DEFAULT_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_logout_ends_the_session(alice_client: Client) -> None:
    assert alice_client.post("/accounts/logout/").status_code == 302
    assert alice_client.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_wrong_password_and_unknown_user_get_the_same_answer(alice: User) -> None:
    wrong = _login(Client(), "alice@example.com", "nope-nope-nope")
    unknown = _login(Client(), "nobody@example.com", "nope-nope-nope")
    assert wrong.status_code == unknown.status_code == 200
    text = "The email address and/or password you specified are not correct."
    assert text in wrong.content.decode()
    assert text in unknown.content.decode()


@pytest.mark.django_db
def test_remember_me_controls_session_expiry(alice: User) -> None:
    short = Client()
    _login(short, "alice", DEFAULT_PASSWORD)
    assert short.session.get_expire_at_browser_close()
    long = Client()
    _login(long, "alice", DEFAULT_PASSWORD, remember="on")
    assert not long.session.get_expire_at_browser_close()


@pytest.mark.django_db
def test_five_failures_lock_the_account_for_a_while(alice: User) -> None:
    client = Client()
    for _ in range(5):
        _login(client, "alice", "wrong-password-x")
    # Even the right password waits now, and the message says so.
    response = _login(Client(REMOTE_ADDR="10.0.0.9"), "alice", DEFAULT_PASSWORD)
    assert "Too many failed login attempts" in response.content.decode()
    assert Client().get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_twenty_failures_from_one_address_block_that_address(alice: User, bob: User) -> None:
    client = Client(REMOTE_ADDR="10.0.0.7")
    for index in range(20):
        _login(client, f"user-{index}", "wrong-password-x")
    blocked = _login(Client(REMOTE_ADDR="10.0.0.7"), "bob", DEFAULT_PASSWORD)
    assert "Too many failed login attempts" in blocked.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.8")
    assert _login(other, "bob", DEFAULT_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_social_buttons_appear_only_when_keys_are_configured(client: Client, settings) -> None:
    assert "GitHub" not in client.get("/accounts/login/").content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "github": {"APPS": [{"client_id": "id", "secret": "s"}]},
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "oidc",
                    "name": "Campus SSO",
                    "client_id": "id",
                    "secret": "s",
                    "settings": {"server_url": "https://sso.example.com"},
                }
            ]
        },
    }
    body = client.get("/accounts/login/").content.decode()
    assert "GitHub" in body
    assert "Campus SSO" in body
    assert "Google" not in body
