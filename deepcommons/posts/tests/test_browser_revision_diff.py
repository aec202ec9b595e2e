"""The revision diff fits a phone and a desktop, in both themes, in real Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.core.testing import assert_accessible
from deepcommons.posts import services
from deepcommons.posts.services import PostInput
from deepcommons.posts.tests.factories import make_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTES = "/tmp/notes"
LONG = "The learning rate schedule warms up linearly " * 6
OLD = (
    f"{LONG}\n\n```python\nloss = criterion(model(batch), labels)  # the original line\n```"
    "\n\nKeep this."
)
NEW = (
    f"{LONG} and then decays.\n\n```python\nloss = criterion(model(batch.to(device)), "
    "labels.to(device)) + weight_decay * sum(p.pow(2).sum() for p in model.parameters())\n```"
    "\n\nKeep this.\n\nA new closing line."
)


def _diff_url(alice: User) -> str:
    question = make_question(author=alice, title="Warm-up schedule", body=OLD)
    services.edit_post(
        post=question,
        by=alice,
        data=PostInput(title="Warm-up and decay schedule", body=NEW, tags="pytorch"),
    )
    return reverse("posts:revision-diff", kwargs={"post_id": question.pk}) + "?a=1&b=2"


@pytest.mark.parametrize(
    ("width", "scheme"), [(360, "light"), (360, "dark"), (1280, "light"), (1280, "dark")]
)
def test_diff_is_not_clipped_and_marks_changes(
    browser_context: Any, live_server: Any, alice: User, width: int, scheme: str
) -> None:
    page = browser_context.new_page()
    page.set_viewport_size({"width": width, "height": 740})
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server.url + _diff_url(alice))
    page.screenshot(path=f"{NOTES}/diff_{width}_{scheme}.png", full_page=True)
    # Nothing sticks out of the page; the diff's box holds its own overflow.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".revision-diff")
    assert box.is_visible()
    assert box.evaluate("e => e.getBoundingClientRect().right") <= width
    assert page.locator(".revision-diff del").first.is_visible()
    assert page.locator(".revision-diff ins").first.is_visible()
    assert_accessible(page)
