"""Paste, drop and pick images in the question editor, in real Chromium."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.posts.models import Kind, Post, PostImage
from deepcommons.posts.tests.image_files import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKDOWN = re.compile(r"!\[[^\]]*\]\(/media/post-images/[\w-]+\.(png|webp)\)")

# Builds a File from base64 bytes and fires `event` ("paste" or "drop") at the
# text box, as the browser does when a user pastes a screenshot or drops a file.
FIRE = """
([event, name, type, data]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type }));
  const area = document.querySelector("#id_body");
  const init = { bubbles: true, cancelable: true };
  const fired = event === "paste"
    ? new ClipboardEvent("paste", { ...init, clipboardData: transfer })
    : new DragEvent("drop", { ...init, dataTransfer: transfer });
  area.dispatchEvent(fired);
  return fired.defaultPrevented;
}
"""


def _fire(page: Page, event: str, name: str, content_type: str, data: bytes) -> Any:
    return page.evaluate(FIRE, [event, name, content_type, base64.b64encode(data).decode()])


def test_pasted_and_dropped_images_are_inserted_and_shown(
    chromium: Browser, live_server: object, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    base_url = live_server.url  # type: ignore[attr-defined]
    asker = UserFactory(username="asker_img")
    context = chromium.new_context(base_url=base_url)
    login_as(context, base_url, asker)
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/questions/ask/")
    page.wait_for_selector(".editor-tools:not([hidden]) button:has-text('Insert image')")
    assert_accessible(page)

    page.fill("#id_body", "My loss curve:")
    page.focus("#id_body")
    page.press("#id_body", "End")
    assert _fire(page, "paste", "loss curve.png", "image/png", image_bytes("PNG")) is True
    page.wait_for_function(
        "() => /!\\[loss curve\\]\\(\\/media\\/post-images\\//.test("
        "document.querySelector('#id_body').value)"
    )
    body = page.input_value("#id_body")
    assert body.startswith("My loss curve:\n![loss curve](/media/post-images/")
    assert "Uploading" not in body
    # The preview shows the uploaded image, loaded under the site's CSP.
    preview_img = page.wait_for_selector(".preview-output img[src^='/media/post-images/']")
    page.wait_for_function("(img) => img.complete && img.naturalWidth === 64", arg=preview_img)

    # A dropped file that is not an image: the message shows, the text stays.
    assert _fire(page, "drop", "notes.txt", "text/plain", b"just words") is True
    page.wait_for_selector(".editor-upload-status:has-text('This file is not an image')")
    assert page.input_value("#id_body") == body

    # The button and its file input.
    page.set_input_files(
        ".editor-image-input",
        files=[{"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG")}],
    )
    page.wait_for_function(
        "() => /!\\[photo\\]\\(\\/media\\/post-images\\/[\\w-]+\\.webp\\)/.test("
        "document.querySelector('#id_body').value)"
    )
    assert page.input_value("#id_body").startswith(body)
    assert PostImage.objects.filter(uploader=asker).count() == 2

    page.fill("#id_title", "Why does my loss curve spike?")
    page.fill("#id_tags", "pytorch")
    page.click("button[type=submit]:has-text('Post your question')")
    page.wait_for_selector("h1:has-text('Why does my loss curve spike?')")
    shown = page.locator(".prose img[src^='/media/post-images/']")
    assert shown.count() == 2
    page.wait_for_function(
        "() => [...document.querySelectorAll('.prose img')].every((i) => i.naturalWidth > 0)"
    )
    question = Post.objects.get(kind=Kind.QUESTION)
    assert len(MARKDOWN.findall(question.body)) == 2
    screenshot(page, "question-with-uploaded-images")
    assert not errors
    assert page.evaluate("window.__csp") == []
    context.close()
