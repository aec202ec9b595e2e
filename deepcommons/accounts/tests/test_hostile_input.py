"""Hostile strings in every account form: a clear answer, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import PROFILE_FIELDS, User

HOSTILE = [
    "",
    " ",
    "\x00",
    "\x00\x01\x02\x1b[31m",
    "\u202egnp.exe",
    "\u200b\u200c\u200d\ufeff",
    "😀" * 500,
    "𝕳𝖊𝖑𝖑𝖔",
    "中文" * 2000,
    "'; DROP TABLE accounts_user; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "%00%0d%0a",
    "A" * 100_000,
    "\ud800",  # lone surrogate: not valid UTF-8 when encoded with surrogatepass
    "../../etc/passwd",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
]


def _safe(value: str) -> str:
    # The test client encodes as UTF-8; a lone surrogate cannot be sent that
    # way, so send its replacement as a browser would.
    return value.encode("utf-8", "replace").decode("utf-8")


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.django_db
def test_signup_and_login_never_fail(client: Client, value: str) -> None:
    value = _safe(value)
    signup = client.post(
        "/accounts/signup/",
        {"email": value, "username": value, "password1": value, "password2": value},
    )
    assert signup.status_code in (200, 302, 400, 429)
    assert User.objects.count() == 0 or signup.status_code == 302
    login = Client().post("/accounts/login/", {"login": value, "password": value})
    assert login.status_code in (200, 400, 429)
    reset = Client().post("/accounts/password/reset/", {"email": value})
    assert reset.status_code in (200, 302, 400, 429)


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.django_db
def test_profile_and_token_forms_never_fail(alice_client: Client, alice: User, value: str) -> None:
    value = _safe(value)
    response = alice_client.post("/settings/profile/", dict.fromkeys(PROFILE_FIELDS, value))
    assert response.status_code in (302, 400)
    from django.conf import settings

    assert settings.SECRET_KEY not in response.content.decode()
    assert alice_client.post("/settings/tokens/", {"name": value}).status_code in (200, 400)
    assert alice_client.get(f"/u/{value[:40]}/").status_code in (200, 301, 400, 404)
    api = Client().get("/api/v1/users/" + value[:40].replace("/", ""))
    assert api.status_code in (200, 400, 404)
    language = alice_client.post("/i18n/language/", {"language": value, "next": value})
    assert language.status_code in (302, 400)


@pytest.mark.django_db
def test_hostile_display_name_is_escaped_on_the_profile(alice_client: Client, alice: User) -> None:
    alice.display_name = '"><img src=x onerror=alert(1)>'
    alice.save()
    body = Client().get("/u/alice/").content.decode()
    assert "<img src=x onerror" not in body
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in body


@pytest.mark.django_db
def test_nul_bytes_anywhere_get_a_400_page(client: Client, alice_client: Client) -> None:
    for response in (
        client.get("/u/a\x00b/"),
        client.get("/questions/", {"sort": "hot\x00"}),
        client.post("/accounts/login/", {"login": "alice\x00", "password": "x"}),
        alice_client.post("/settings/profile/", {"display_name": "\x00"}),
    ):
        assert response.status_code == 400
        assert "could not be understood" in response.content.decode()
