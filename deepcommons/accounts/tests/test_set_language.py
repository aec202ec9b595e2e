from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User


@pytest.mark.django_db
def test_browser_language_is_the_default(client: Client) -> None:
    zh = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert '<html lang="zh-Hans"' in zh.content.decode()
    assert "登录" in zh.content.decode()
    en = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert '<html lang="en"' in en.content.decode()
    assert "Log in" in en.content.decode()


@pytest.mark.django_db
def test_choice_is_remembered_in_a_cookie(client: Client) -> None:
    response = client.post("/i18n/language/", {"language": "zh-hans", "next": "/u/x/"})
    assert response.status_code == 302
    assert response["Location"] == "/u/x/"
    assert client.cookies["dc_language"].value == "zh-hans"
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="zh-Hans"' in page.content.decode()


@pytest.mark.django_db
def test_choice_is_remembered_on_the_account(alice_client: Client, alice: User) -> None:
    alice_client.post("/i18n/language/", {"language": "zh-hans"})
    alice.refresh_from_db()
    assert alice.preferred_language == "zh-hans"
    # On another device, with an English browser, the account's choice wins.
    other = Client()
    other.force_login(alice)
    page = other.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="zh-Hans"' in page.content.decode()


@pytest.mark.django_db
def test_unknown_language_and_foreign_redirect_are_ignored(client: Client) -> None:
    response = client.post("/i18n/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert "dc_language" not in response.cookies


@pytest.mark.django_db
def test_header_switcher_posts_to_the_language_view(client: Client, alice_client: Client) -> None:
    action = f'<form class="lang-form" action="{reverse("accounts:set-language")}" method="post">'
    assert action in client.get("/").content.decode()
    assert action in alice_client.get("/").content.decode()
