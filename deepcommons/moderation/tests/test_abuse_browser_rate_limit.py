"""A rate-limited htmx comment keeps its text, in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import login_as, screenshot
from deepcommons.posts.models import Comment
from deepcommons.posts.tests.factories import make_question

pytestmark = [
    pytest.mark.browser,
    pytest.mark.real_rate_limits,
    pytest.mark.django_db(transaction=True),
]


def test_second_quick_comment_shows_the_notice_and_keeps_the_text(
    chromium: Browser, live_server: object
) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    question = make_question(author=UserFactory.create(username="asker_rl"))
    commenter = UserFactory.create(username="commenter_rl")
    context = chromium.new_context(base_url=base_url)
    login_as(context, base_url, commenter)
    page = context.new_page()
    page.goto(question.get_absolute_url())
    section = f"#comments-{question.pk}"
    textarea = f"{section} .comment-add textarea[name=body]"

    page.click(f"{section} .comment-add summary")
    page.fill(textarea, "A first comment, posted at once.")
    page.click(f"{section} .comment-add form button[type=submit]")
    page.wait_for_selector(f"{section} .comment-body")

    page.click(f"{section} .comment-add summary")
    page.fill(textarea, "A second comment, too soon after.")
    page.click(f"{section} .comment-add form button[type=submit]")
    notice = page.wait_for_selector(".rate-limit-notice")
    assert notice is not None and "between posts" in notice.inner_text()
    assert page.input_value(textarea) == "A second comment, too soon after."
    assert page.url.endswith(question.get_absolute_url())  # no page load
    # Another refusal replaces the notice rather than stacking a second one.
    page.click(f"{section} .comment-add form button[type=submit]")
    page.wait_for_timeout(300)
    assert page.locator(".rate-limit-notice").count() == 1
    assert Comment.objects.filter(post=question).count() == 1
    screenshot(page, "rate-limited-comment")
    context.close()
