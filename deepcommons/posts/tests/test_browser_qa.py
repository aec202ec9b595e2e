"""Ask a question with code and math, answer it, accept it: in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import login_as, screenshot
from deepcommons.posts.models import Kind, Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(chromium: Browser) -> Browser:
    # One Playwright per test process: a second sync_playwright() in the same
    # worker fails, so use the session's browser from conftest.
    return chromium


def _context_for(browser: Browser, user: User, base_url: str) -> BrowserContext:
    context = browser.new_context(base_url=base_url)
    login_as(context, base_url, user)
    return context


def test_ask_answer_accept(browser: Browser, live_server: object) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    asker = UserFactory(username="asker_b", display_name="Asker")
    helper = UserFactory(username="helper_b", display_name="Helper")

    asking = _context_for(browser, asker, base_url).new_page()
    asking.goto("/questions/ask/")
    asking.fill("#id_title", "Why is my softmax NaN?")
    asking.fill(
        "#id_body",
        "```python\nprobs = logits.exp() / logits.exp().sum()\n```\n\nFor $x_i > 88$ it breaks.",
    )
    asking.fill("#id_tags", "pytorch numerics")
    asking.click("button[type=submit]:has-text('Post your question')")
    asking.wait_for_selector("h1:has-text('Why is my softmax NaN?')")
    assert asking.locator(".prose pre").count() == 1
    assert asking.locator(".prose math").count() == 1
    question = Post.objects.get(kind=Kind.QUESTION)

    answering = _context_for(browser, helper, base_url).new_page()
    answering.goto(f"/questions/{question.pk}/")
    answering.fill("#id_body", "Subtract the max first: `logits - logits.max()`.")
    answering.click("button[type=submit]:has-text('Post your answer')")
    answering.wait_for_selector(".post-answer")
    # The helper upvotes the question (htmx swaps the box in place).
    answering.click(f"#vote-{question.pk} button[aria-label='Vote up']")
    answering.wait_for_selector(f"#vote-{question.pk} .vote-button.is-on")
    answer = Post.objects.get(kind=Kind.ANSWER)

    asking.goto(f"/questions/{question.pk}/")
    asking.click("button:has-text('Accept this answer')")
    asking.wait_for_selector(f"#answer-{answer.pk}.is-accepted")
    assert asking.locator(f"#vote-{question.pk} .score").inner_text() == "1"
    screenshot(asking, "qa-asker")

    answering.reload()
    assert answering.locator(f"#answer-{answer.pk}.is-accepted .accepted-label").is_visible()
    assert answering.locator(f"#vote-{question.pk} .score").inner_text() == "1"
    screenshot(answering, "qa-helper")
