"""Search as a user meets it, in real Chromium: header box, similar and related questions."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from deepcommons.accounts.models import User
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.posts.tests.factories import make_answer, make_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_box_similar_questions_and_related(
    page: Any, live_server: Any, alice: User, bob: User
) -> None:
    base = live_server.url
    softmax = make_question(
        author=alice,
        title="Softmax 输出 NaN 怎么办",
        tags="pytorch",
        body="训练时 softmax 的输出变成 NaN，显存也不足。",
    )
    make_answer(softmax, author=bob, body="先减去最大值再取指数。")
    make_question(
        author=alice,
        title="Softmax temperature in distillation",
        tags="pytorch",
        body="Which temperature works best for the teacher?",
    )
    make_question(
        author=alice,
        title="How to shard a 70B model",
        tags="jax",
        body="Sharding the weights over 8 GPUs.",
    )

    # The header search box, on any page, in Chinese and English words.
    page.goto(f"{base}/")
    page.fill("#site-search", "softmax 显存")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator(".search-results")
    expect(results).to_contain_text("Softmax 输出 NaN 怎么办")
    assert page.locator(".search-results mark").count() >= 1
    assert_accessible(page)
    screenshot(page, "search-results")

    # While asking, similar questions appear under the title (htmx, debounced).
    login_as(page.context, base, bob)
    page.goto(f"{base}/questions/ask/")
    page.type("#id_title", "softmax nan", delay=20)
    similar = page.locator("#similar-questions")
    expect(similar).to_contain_text("Softmax 输出 NaN 怎么办", timeout=10_000)
    expect(similar).not_to_contain_text("70B")
    assert_accessible(page)
    screenshot(page, "search-similar-while-asking")

    # The question page loads its "Related" box.
    page.goto(f"{base}/questions/{softmax.pk}/")
    expect(page.locator(".related-questions")).to_contain_text(
        "Softmax temperature in distillation", timeout=10_000
    )
