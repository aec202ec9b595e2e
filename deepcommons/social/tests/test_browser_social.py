"""Bob follows Alice, hears about her post without reloading, and they talk privately."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from deepcommons.accounts.models import User
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.social.models import Conversation, Follow, Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_follow_bell_and_private_messages(
    live_server: Any,
    browser_context: Any,
    chromium: Any,
    page: Any,
    settings: Any,
    alice: User,
    bob: User,
    charlie: User,
) -> None:
    settings.SOCIAL_BELL_POLL_SECONDS = 1
    base = live_server.url
    login_as(browser_context, base, bob)

    # Bob follows Alice from her profile.
    page.goto(f"{base}/u/alice/")
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.get_by_role("button", name="Unfollow")).to_be_visible()
    expect(page.locator(".follow-counts")).to_contain_text("1 follower")
    assert Follow.objects.is_following(user=bob, target=alice)
    assert_accessible(page)

    # Alice asks a question in her own browser; the bell on Bob's open page
    # updates without a reload.
    page.goto(f"{base}/feed/")
    expect(page.locator(".bell-count")).to_have_count(0)
    alice_context = chromium.new_context(locale="en-US")
    alice_page = alice_context.new_page()
    login_as(alice_context, base, alice)
    alice_page.goto(f"{base}/questions/ask/")
    alice_page.fill("#id_title", "Why does my loss explode?")
    alice_page.fill("#id_body", "After warmup the loss goes to `inf`. $\\eta = 3 \\times 10^{-4}$.")
    alice_page.fill("#id_tags", "pytorch")
    alice_page.click("button[type=submit]:has-text('Post your question')")
    alice_page.wait_for_selector("h1:has-text('Why does my loss explode?')")
    question_url = alice_page.url
    expect(page.locator(".bell-count")).to_have_text("1", timeout=10_000)
    screenshot(page, "social-bell-unread")
    page.locator("#notification-bell").click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    expect(page.locator(".notification.unread")).to_contain_text("Why does my loss explode?")
    assert_accessible(page)
    page.locator(".notification-link").first.click()
    expect(page).to_have_url(question_url)
    assert Notification.objects.unread_count(user=bob) == 0
    # The feed lists Alice's question.
    page.goto(f"{base}/feed/")
    expect(page.locator(".feed-item")).to_contain_text("Why does my loss explode?")
    assert_accessible(page)

    # Alice writes to Bob; Bob answers.
    alice_page.goto(f"{base}/messages/new/?to=bob")
    alice_page.get_by_label("Message").fill("Hi **Bob**, want to pair on this?")
    alice_page.get_by_role("button", name="Send").click()
    expect(alice_page.locator(".message-item")).to_contain_text("want to pair")
    conversation = Conversation.objects.get()

    page.goto(f"{base}/messages/")
    expect(page.locator(".conversation-list")).to_contain_text("1 unread")
    assert_accessible(page)
    page.get_by_role("link", name="Alice Liddell").click()
    expect(page.locator(".message-item strong")).to_have_text("Bob")
    page.get_by_label("Reply").fill("Sure, tomorrow!")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".message-item").last).to_contain_text("Sure, tomorrow!")
    assert_accessible(page)

    alice_page.reload()
    expect(alice_page.locator(".message-item").last).to_contain_text("Sure, tomorrow!")
    expect(alice_page.locator(".receipt").last).to_contain_text("鲍勃")
    screenshot(alice_page, "social-conversation")
    alice_context.close()

    # Charlie cannot open their conversation.
    charlie_context = chromium.new_context(locale="en-US")
    charlie_page = charlie_context.new_page()
    login_as(charlie_context, base, charlie)
    response = charlie_page.goto(f"{base}/messages/{conversation.pk}/")
    assert response is not None and response.status == 404
    expect(charlie_page.locator("body")).not_to_contain_text("Sure, tomorrow!")
    charlie_context.close()
    assert page.js_errors == []
