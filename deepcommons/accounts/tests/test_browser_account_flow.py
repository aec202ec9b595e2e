"""The whole account journey in real Chromium, starting in each language."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from deepcommons.accounts.models import User
from deepcommons.core.testing import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase-17"

# What the UI says in each language, for the checks below.
TEXT = {
    "en": {
        "signup": "Sign Up",
        "profile": "Profile",
        "saved": "Your profile has been saved.",
        "logout": "Log out",
        "login": "Log in",
    },
    "zh-hans": {
        "signup": "注册",
        "profile": "个人资料",
        "saved": "你的个人资料已保存。",
        "logout": "退出登录",
        "login": "登录",
    },
}


def _totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    # A code typed in the last seconds of its 30 s window may reach the
    # server in the next one; wait for a fresh window instead.
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _submit(page: Any) -> None:
    page.locator("main form button[type=submit]").last.click()


def _avatar_file(tmp_path: Path) -> Path:
    path = tmp_path / "avatar.png"
    image = Image.new("RGB", (640, 480), (30, 90, 200))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    path.write_bytes(buf.getvalue())
    return path


@pytest.mark.parametrize(
    ("locale", "lang", "other"), [("en-US", "en", "zh-hans"), ("zh-CN", "zh-hans", "en")]
)
def test_register_confirm_profile_language_theme_and_totp(
    chromium: Any,
    live_server: Any,
    mailoutbox: list,
    tmp_path: Path,
    settings: Any,
    locale: str,
    lang: str,
    other: str,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    base = live_server.url
    t = TEXT[lang]
    name = f"{lang}-{{}}"

    # Register; the browser's language decides the UI.
    page.goto(f"{base}/accounts/signup/")
    assert page.locator("html").get_attribute("lang") == ("zh-Hans" if lang == "zh-hans" else "en")
    assert t["signup"] in page.locator("main").inner_text()
    assert_accessible(page)
    screenshot(page, name.format("01-signup"))
    username = f"newbie_{lang.replace('-', '_')}"
    page.fill("#id_email", f"{username}@example.com")
    page.fill("#id_username", username)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    _submit(page)
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    assert_accessible(page)

    # Open the confirmation link from the outbox and confirm.
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page.goto(base + path)
    assert_accessible(page)
    _submit(page)

    # Log in.
    page.goto(f"{base}/accounts/login/")
    assert_accessible(page)
    screenshot(page, name.format("02-login"))
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    _submit(page)
    page.wait_for_url(f"{base}/")
    assert_accessible(page)

    # Upload an avatar and edit the profile.
    page.goto(f"{base}/settings/profile/")
    assert_accessible(page)
    page.set_input_files("#id_avatar", str(_avatar_file(tmp_path)))
    page.locator("form[action='/settings/avatar/'] button[type=submit]").first.click()
    page.wait_for_url(f"{base}/settings/profile/")
    assert page.locator(".avatar-row img.avatar").count() == 1
    page.fill("#id_display_name", "新人 Newbie 🚀")
    page.fill("#id_bio", "I like **transformers** and $E=mc^2$.")
    page.fill("#id_skills", "PyTorch, 分布式训练")
    page.fill("#id_orcid", "0000-0002-1825-0097")
    page.locator("form[action='/settings/profile/'] button[type=submit]").click()
    assert t["saved"] in page.locator(".messages").inner_text()
    screenshot(page, name.format("03-profile-edit"))
    user = User.objects.get(username=username)
    assert user.display_name == "新人 Newbie 🚀"
    assert user.avatar.name.endswith(".webp")
    page.goto(f"{base}/u/{username}/")
    assert "<strong>transformers</strong>" in page.inner_html(".prose")
    assert_accessible(page)
    screenshot(page, name.format("04-profile"))

    # Switch to the other language; the choice sticks to the account.
    page.select_option("#language-select", other)
    page.wait_for_load_state("load")
    page.wait_for_function(
        f"document.documentElement.lang === '{'zh-Hans' if other == 'zh-hans' else 'en'}'"
    )
    assert TEXT[other]["logout"] in page.inner_html("header")
    user.refresh_from_db()
    assert user.preferred_language == other
    screenshot(page, name.format("05-switched-language"))
    # Back to the starting language for the rest of the flow.
    page.select_option("#language-select", lang)
    page.wait_for_load_state("load")

    # Dark mode: toggled, then remembered across a reload.
    page.click("#theme-toggle")
    assert page.locator("html").get_attribute("data-theme") == "dark"
    page.reload()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg == "rgb(15, 19, 24)"
    assert_accessible(page)
    screenshot(page, name.format("06-dark"))

    # Turn on TOTP two-factor authentication.
    page.goto(f"{base}/accounts/2fa/totp/activate/")
    # Security settings ask for the password again first.
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    assert_accessible(page)
    page.fill("#id_password", PASSWORD)
    _submit(page)
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("#id_code", _totp_code(secret))
    _submit(page)
    page.wait_for_url(re.compile(r"/accounts/2fa/"))
    screenshot(page, name.format("07-2fa-on"))

    # Log out, then back in with password and a TOTP code.
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name=t["logout"]).click()
    page.wait_for_url(f"{base}/")
    assert page.get_by_role("link", name=t["login"]).count() >= 1
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_login", f"{username}@example.com")
    page.fill("#id_password", PASSWORD)
    _submit(page)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(page)
    screenshot(page, name.format("08-2fa-prompt"))
    page.fill("#id_code", _totp_code(secret))
    _submit(page)
    page.wait_for_url(f"{base}/")
    assert page.locator(".user-menu-name").inner_text() == "新人 Newbie 🚀"
    screenshot(page, name.format("09-back-in"))
    assert not [e for e in errors if "favicon" not in e], "\n".join(errors)
    context.close()


@pytest.mark.parametrize("width", [360, 768, 1440])
def test_pages_fit_phone_to_wide_screens(
    page: Any, live_server: Any, alice: User, width: int
) -> None:
    from deepcommons.core.testing import login_as

    login_as(page.context, live_server.url, alice)
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/", "/u/alice/", "/settings/profile/", "/accounts/email/", "/settings/tokens/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} overflows by {overflow}px at {width}px"
        assert_accessible(page)
    screenshot(page, f"width-{width}-tokens")


def test_anonymous_pages_are_accessible_in_both_themes(
    page: Any, live_server: Any, alice: User
) -> None:
    for theme in ("light", "dark"):
        page.context.add_cookies([{"name": "dc_theme", "value": theme, "url": live_server.url}])
        for path in (
            "/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            "/u/alice/",
            "/does-not-exist/",
        ):
            page.goto(live_server.url + path)
            assert_accessible(page)
        screenshot(page, f"404-{theme}")
