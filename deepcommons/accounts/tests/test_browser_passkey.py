"""Passkeys (WebAuthn) in real Chromium, with Chromium's virtual authenticator."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.mfa.models import Authenticator

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import DEFAULT_PASSWORD
from deepcommons.core.testing import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_a_passkey_then_sign_in_with_it(page: Any, live_server: Any, alice: User) -> None:
    base = live_server.url
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )

    page.goto(f"{base}/accounts/login/")
    page.fill("#id_login", "alice")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/accounts/2fa/webauthn/add/?passwordless")
    if "/reauthenticate/" in page.url:
        page.fill("#id_password", DEFAULT_PASSWORD)
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_url(re.compile(r"/accounts/2fa/webauthn/add/"))
    assert_accessible(page)
    page.fill("#id_name", "Laptop passkey")
    page.check("#id_passwordless")
    page.click("#mfa_webauthn_add")
    # Wait until the add page has been left (its own URL also contains "webauthn/").
    page.wait_for_url(re.compile(r"/accounts/2fa/(recovery-codes/?|webauthn/?)?(\?.*)?$"))
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.WEBAUTHN).count() == 1
    screenshot(page, "passkey-added")

    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.click("#passkey_login")
    page.wait_for_url(f"{base}/")
    assert page.locator(".user-menu-name").inner_text() == alice.name
    screenshot(page, "passkey-signed-in")
