from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from deepcommons.accounts.models import User

PASSWORD = "a-very-long-passphrase-42"


def _signup(client: Client, **overrides: str):
    data = {
        "email": "newbie@example.com",
        "username": "newbie",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post("/accounts/signup/", data)


@pytest.mark.django_db
def test_signup_sends_confirmation_and_confirmed_user_can_log_in(client: Client) -> None:
    response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(username="newbie")
    assert user.groups.filter(name="Members").exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body)
    assert link is not None
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    # GET shows a confirmation page; only the POST confirms (mail scanners prefetch links).
    assert client.get("/" + path).status_code == 200
    assert not EmailAddress.objects.get(user=user).verified
    client.post("/" + path)
    assert EmailAddress.objects.get(user=user).verified
    client.logout()
    response = client.post("/accounts/login/", {"login": "newbie", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/api/v1/me").json()["username"] == "newbie"


@pytest.mark.django_db
def test_unconfirmed_user_cannot_log_in(client: Client) -> None:
    _signup(client)
    client.logout()
    response = client.post("/accounts/login/", {"login": "newbie", "password": PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_expired_confirmation_link_is_refused(client: Client, settings) -> None:
    from datetime import timedelta

    from allauth.account.models import EmailConfirmationHMAC
    from freezegun import freeze_time

    _signup(client)
    address = EmailAddress.objects.get(email="newbie@example.com")
    key = EmailConfirmationHMAC(address).key
    with freeze_time(timedelta(days=settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS + 1)):
        response = client.post(f"/accounts/confirm-email/{key}/")
    assert response.status_code in (200, 404)
    address.refresh_from_db()
    assert not address.verified


@pytest.mark.django_db
def test_username_taken_in_another_case_is_refused_and_input_kept(
    client: Client, alice: User
) -> None:
    response = _signup(client, username="ALICE", email="other@example.com")
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert 'value="other@example.com"' in response.content.decode()
    assert not User.objects.filter(username="ALICE").exists()


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("ab", "at least 3 characters"),
        ("a" * 31, "30 characters"),
        ("has space", "3–30 characters"),
        ("中文名字", "3–30 characters"),
        ("evil\u202euser", "3–30 characters"),
        ("admin", "reserved"),
        ("Deleted", "reserved"),
    ],
)
@pytest.mark.django_db
def test_bad_usernames_get_a_clear_message(client: Client, username: str, message: str) -> None:
    response = _signup(client, username=username)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="newbie@example.com"' in response.content.decode()
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_weak_password_is_refused_and_not_echoed(client: Client) -> None:
    response = _signup(client, password1="password", password2="password")
    body = response.content.decode()
    assert response.status_code == 200
    assert "too common" in body or "too short" in body
    assert 'value="password"' not in body
    assert 'value="newbie"' in body


@pytest.mark.django_db
def test_malformed_email_is_refused(client: Client) -> None:
    response = _signup(client, email="not-an-email@")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_signup_with_existing_email_looks_the_same(client: Client, alice: User) -> None:
    new = _signup(client, email="fresh@example.com", username="fresh")
    Client().logout()
    other = Client()
    existing = _signup(other, email="alice@example.com", username="another")
    assert new.status_code == existing.status_code == 302
    assert new["Location"] == existing["Location"]
    # The owner of the existing address is told by mail instead.
    assert any("alice@example.com" in m.to for m in mail.outbox)


@pytest.mark.django_db
def test_cjk_and_emoji_display_names_are_welcome(alice_client: Client, alice: User) -> None:
    response = alice_client.post(
        "/settings/profile/",
        {"display_name": "爱丽丝 🚀", "timezone": "Asia/Shanghai", "preferred_language": "zh-hans"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "爱丽丝 🚀"
