"""Edit a comment in place with htmx, in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.posts.models import Comment
from deepcommons.posts.tests.factories import make_comment, make_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_comment_is_edited_in_place(chromium: Browser, live_server: object) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    asker = UserFactory(username="asker_c")
    commenter = UserFactory(username="commenter_c")
    question = make_question(author=asker)
    comment = make_comment(question, author=commenter, body="Which versoin?")

    context = chromium.new_context(base_url=base_url)
    login_as(context, base_url, commenter)
    page = context.new_page()
    page.goto(question.get_absolute_url())
    item = f"#comment-{comment.pk}"
    page.click(f"{item} a:has-text('Edit')")
    page.wait_for_selector(f"{item} textarea")
    assert page.url.endswith(question.get_absolute_url())  # no page load
    assert page.input_value(f"{item} textarea") == "Which versoin?"
    assert_accessible(page)
    page.fill(f"{item} textarea", "c" * 601)
    page.click(f"{item} button:has-text('Save changes')")
    page.wait_for_selector(f"{item} .error")
    assert page.input_value(f"{item} textarea") == "c" * 601
    page.fill(f"{item} textarea", "Which *version*?")
    page.click(f"{item} button:has-text('Save changes')")
    page.wait_for_selector(f"{item} .comment-body em")
    assert page.locator(f"{item} textarea").count() == 0
    assert Comment.objects.get(pk=comment.pk).body == "Which *version*?"
    # Cancel puts the comment back as it was.
    page.click(f"{item} a:has-text('Edit')")
    page.wait_for_selector(f"{item} textarea")
    page.click(f"{item} a:has-text('Cancel')")
    page.wait_for_selector(f"{item} .comment-body em")
    screenshot(page, "comment-edited")
    context.close()
