"""A site moderator writes a tag's wiki and adds a synonym in real Chromium;
every page on the way passes axe, in English and in Chinese."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from deepcommons.accounts.services import set_role
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.spaces.tests.factories import TagFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIKI = """PyTorch is a **tensor library** with autograd.

```python
loss.backward()
```

<script>window.hacked = true</script>
"""


def test_moderator_writes_the_wiki_and_adds_a_synonym(
    chromium: Browser, live_server: object
) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    moderator = UserFactory(username="tagmod_b")
    set_role(user=moderator, role="moderator")
    TagFactory(name="pytorch")
    context = chromium.new_context(base_url=base_url, locale="en-US")
    login_as(context, base_url, moderator)
    page = context.new_page()
    page.goto("/tags/pytorch/")
    page.click("a:has-text('Wiki, synonyms and history')")
    page.click("a:has-text('Edit wiki')")
    page.wait_for_selector("h1:has-text('Edit the wiki of')")
    assert_accessible(page)
    page.fill("#id_description", "The tensor library.")
    page.fill("#id_wiki", WIKI)
    page.fill("#id_note", "First version")
    page.click("button:has-text('Save wiki')")
    page.wait_for_selector("text=The tag's wiki has been saved.")
    assert page.locator(".prose strong:has-text('tensor library')").count() == 1
    assert page.evaluate("window.hacked === undefined")

    # A synonym that is already a tag: the message and the text stay.
    TagFactory(name="torch-tag")
    page.fill("#id_name", "torch-tag")
    page.click("button:has-text('Add synonym')")
    page.wait_for_selector("text=A tag with that name already exists.")
    assert page.input_value("#id_name") == "torch-tag"
    page.fill("#id_name", "torch")
    page.click("button:has-text('Add synonym')")
    page.wait_for_selector("text=“torch” now leads to “pytorch”.")
    assert_accessible(page)
    screenshot(page, "tag-about")

    page.click("a:has-text('History')")
    page.wait_for_selector("td:has-text('First version')")
    assert_accessible(page)
    page.click("a:has-text('Revision 1')")
    page.wait_for_selector("h1:has-text('wiki revision 1')")
    assert_accessible(page)

    # The synonym's page leads to the tag, whose page shows the wiki.
    page.goto("/tags/torch/")
    assert page.url.endswith("/tags/pytorch/")
    page.click("summary:has-text('About this tag')")
    assert page.locator("details .prose code:has-text('loss.backward')").count() == 1
    context.close()

    zh = chromium.new_context(base_url=base_url, locale="zh-CN")
    login_as(zh, base_url, moderator)
    page = zh.new_page()
    page.goto("/tags/pytorch/about/")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert_accessible(page)
    screenshot(page, "tag-about-zh")
    zh.close()
