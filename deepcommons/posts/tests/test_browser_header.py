"""The site header on a phone and on a desktop, in real Chromium.

On a 360 px screen the header must not fill half the screen: the menu
collapses behind a button, and the Ask button stays in view.
"""

from __future__ import annotations

from typing import Any

import pytest

from deepcommons.accounts.models import User
from deepcommons.core.testing import assert_accessible, login_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
NOTES = "/tmp/notes"


def _height(page: Any, selector: str) -> float:
    return float(page.eval_on_selector(selector, "e => e.getBoundingClientRect().height"))


def test_phone_header_is_short_and_its_menu_opens(
    browser_context: Any, live_server: Any, alice: User
) -> None:
    page = browser_context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    toggle = page.locator(".menu-toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-menu").is_visible()
    assert page.locator(".site-header .ask-button").is_visible()
    assert _height(page, ".site-header") < 120
    page.screenshot(path=f"{NOTES}/header_360_closed.png")

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-menu").is_visible()
    page.screenshot(path=f"{NOTES}/header_360_open.png")
    assert_accessible(page)
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-menu").is_visible()

    toggle.click()
    page.locator(".main-nav a", has_text="Tags").click()
    page.wait_for_url("**/tags/")
    assert page.locator(".menu-toggle").get_attribute("aria-expanded") == "false"


def test_phone_header_for_a_member_in_the_dark_theme(
    browser_context: Any, live_server: Any, alice: User
) -> None:
    login_as(browser_context, live_server.url, alice)
    page = browser_context.new_page()
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + "/questions/")
    assert _height(page, ".site-header") < 120
    page.click(".menu-toggle")
    assert page.locator("#notification-bell").is_visible()
    page.screenshot(path=f"{NOTES}/header_360_member_dark_open.png")
    assert_accessible(page)


def test_without_javascript_the_menu_stays_open(chromium: Any, live_server: Any) -> None:
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert not page.locator(".menu-toggle").is_visible()
        assert page.locator(".main-nav a", has_text="Questions").is_visible()
    finally:
        context.close()


def test_ask_button_is_in_view_on_a_desktop_and_leads_a_visitor_to_log_in(
    browser_context: Any, live_server: Any
) -> None:
    page = browser_context.new_page()
    page.goto(live_server.url + "/")
    assert not page.locator(".menu-toggle").is_visible()
    assert page.locator(".main-nav a", has_text="Questions").is_visible()
    ask = page.locator(".site-header .ask-button")
    assert ask.is_visible()
    page.screenshot(path=f"{NOTES}/header_1280.png")
    ask.click()
    page.wait_for_url("**/accounts/login/?next=/questions/ask/")
