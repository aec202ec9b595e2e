"""A space moderator changes the space's rules in real Chromium; both pages pass axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.spaces.tests.factories import SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_space_settings_page_is_accessible(chromium: Browser, live_server: object) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    moderator = UserFactory(username="spacemod_c")
    space = SpaceFactory(slug="cv-browser", rules="Be kind.")
    space.moderators.add(moderator)
    context = chromium.new_context(base_url=base_url)
    login_as(context, base_url, moderator)
    page = context.new_page()
    page.goto(space.get_absolute_url())
    page.click("a:has-text('Space settings')")
    page.wait_for_selector("h1:has-text('Settings of')")
    assert_accessible(page)
    page.fill("#id_rules", "Be kind. Show code.")
    page.click("button:has-text('Save changes')")
    page.wait_for_selector("text=The space's settings have been saved.")
    page.goto(f"/spaces/{space.slug}/about/")
    assert page.locator("text=Show code.").count() == 1
    assert_accessible(page)
    screenshot(page, "space-about")
    context.close()
