"""A profile's tabs and the members directory in real Chromium: links work,
more rows load on scroll, and nothing breaks the CSP."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts.tests.factories import make_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _csp_errors(page: Any) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def test_tabs_are_links_and_more_questions_load_on_scroll(
    live_server: Any, page: Any, alice: User
) -> None:
    for i in range(25):
        make_question(author=alice, title=f"Question number {i:02d}")
    csp = _csp_errors(page)
    page.goto(f"{live_server.url}/u/alice/")
    assert page.locator(".profile-stats").inner_text().startswith("25")
    page.get_by_role("navigation", name="Profile sections").get_by_role(
        "link", name="Questions"
    ).click()
    page.wait_for_url(f"{live_server.url}/u/alice/questions/")
    rows = page.locator("#profile-questions .post-row")
    assert rows.count() == 20
    page.locator(".load-more").scroll_into_view_if_needed()
    expect(rows).to_have_count(25)
    expect(page.locator(".load-more")).to_have_count(0)
    assert csp == [] and page.js_errors == []


def test_directory_searches_and_links_to_profiles(
    live_server: Any, page: Any, alice: User, bob: User
) -> None:
    for i in range(30):
        UserFactory(username=f"member{i:02d}")
    csp = _csp_errors(page)
    page.goto(f"{live_server.url}/users/")
    cards = page.locator(".member-card")
    assert cards.count() == 24
    page.get_by_label("Find a member").fill("liddell")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/users/?q=liddell*")
    expect(cards).to_have_count(1)
    cards.get_by_role("link", name="Alice Liddell").click()
    page.wait_for_url(f"{live_server.url}/u/alice/")
    assert csp == [] and page.js_errors == []
