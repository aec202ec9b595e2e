"""The XSS suite in real Chromium: rendered hostile input must stay inert.

Every payload in tests/data/xss/ is rendered with render_markdown and served
by the live server in batches, on a page without a Content-Security-Policy,
so that the sanitiser alone is on trial (the site's CSP is a second wall).
The test fails if any dialog opens, any payload sets `window.__xss`, any
request leaves the page's origin, the page navigates away, or the parsed
DOM holds an event handler, a style attribute or a non-http(s) URL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from csp.decorators import csp_exempt
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import escape

from deepcommons.core.markdown import render_markdown
from deepcommons.core.tests.xss_payloads import load_payloads

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls(__name__),
]

CASES = load_payloads()
BATCH_SIZE = 120
BATCHES = (len(CASES) + BATCH_SIZE - 1) // BATCH_SIZE

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>XSS batch</title>{head}</head>
<body><main id="content">{body}</main></body></html>"""

# A page that really is vulnerable, to prove the harness notices each signal.
CANARY = (
    '<img src="/missing.png" onerror="window.__xss = 1; alert(1)">'
    '<img src="https://xss.example/pixel.png" alt="">'
)


@csp_exempt()
def xss_batch(request: HttpRequest, batch: int) -> HttpResponse:
    cases = CASES[batch * BATCH_SIZE : (batch + 1) * BATCH_SIZE]
    body = "".join(
        f'<article data-case="{escape(case)}">{render_markdown(payload)}</article>'
        for case, payload in cases
    )
    return HttpResponse(PAGE.format(head="", body=body))


@csp_exempt()
def canary(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE.format(head="", body=CANARY))


def code_page(request: HttpRequest) -> HttpResponse:
    # Served with the site's CSP, as a real page would be.
    head = (
        '<script src="/static/js/copy-code.js" defer data-label-copy="Copy" '
        'data-label-copied="Copied"></script>'
    )
    body = render_markdown("```python\nprint('hello')\n```")
    return HttpResponse(PAGE.format(head=head, body=body))


urlpatterns = [
    path("xss/<int:batch>/", xss_batch),
    path("canary/", canary),
    path("code/", code_page),
]

# Runs in the page after load: every element's attributes as the browser
# parsed them, so mutation XSS (markup that changes meaning on re-parse)
# shows up here even if the server-side string looked clean.
AUDIT_DOM = """() => {
  const problems = [];
  const root = document.getElementById("content");
  const forbidden = new Set(["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "BASE", "LINK",
    "META", "FORM", "SVG", "FRAME", "FRAMESET", "TEMPLATE", "ANNOTATION-XML"]);
  for (const el of root.querySelectorAll("*")) {
    const where = (el.closest("article") || {}).dataset?.case;
    if (forbidden.has(el.tagName.toUpperCase())) problems.push(where + ": <" + el.tagName + ">");
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const foreignHref = name.includes("href") && el.tagName !== "A";
      if (name.startsWith("on") || name === "style" || foreignHref) {
        problems.push(where + ": " + el.tagName + "[" + name + "]");
      }
    }
    if (el.tagName === "A" && el.hasAttribute("href")) {
      if (!["http:", "https:", "mailto:"].includes(el.protocol)) {
        problems.push(where + ": link to " + el.href);
      }
    }
    if (el.tagName === "IMG" && el.hasAttribute("src")) {
      const url = new URL(el.getAttribute("src"), location.href);
      if (!["http:", "https:"].includes(url.protocol)) problems.push(where + ": img " + url.href);
    }
  }
  return problems;
}"""

# Fire the events that inline handlers would listen for (without following
# links, which would only leave the page).
POKE = """() => {
  for (const el of document.getElementById("content").querySelectorAll("*")) {
    for (const type of ["mouseover", "mouseenter", "focus", "pointerdown", "animationstart"]) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
    if (el.tagName !== "A") el.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  }
}"""


@dataclass
class Watch:
    dialogs: list[str] = field(default_factory=list)
    off_origin: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def watched_page(browser_context: Any, live_server: Any) -> Iterator[tuple[Any, Watch]]:
    origin = live_server.url.rstrip("/")
    watch = Watch()
    page = browser_context.new_page()

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def route(route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == origin:
            route.continue_()
        else:
            watch.off_origin.append(url)
            route.abort()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    page.route("**/*", route)
    yield page, watch
    page.close()


def _load(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")
    # Give timers and lazy loads a moment.
    page.wait_for_timeout(150)


def test_harness_detects_script_dialogs_and_foreign_requests(
    watched_page: tuple[Any, Watch], live_server: Any
) -> None:
    page, watch = watched_page
    _load(page, f"{live_server.url}/canary/")
    assert page.evaluate("() => window.__xss") == 1
    assert watch.dialogs == ["alert: 1"]
    assert watch.off_origin == ["https://xss.example/pixel.png"]


def test_rendered_payloads_stay_inert_in_chromium(
    watched_page: tuple[Any, Watch], live_server: Any
) -> None:
    page, watch = watched_page
    assert len(CASES) > 700
    seen = 0
    for batch in range(BATCHES):
        url = f"{live_server.url}/xss/{batch}/"
        _load(page, url)
        assert page.evaluate(AUDIT_DOM) == [], f"batch {batch}"
        page.evaluate(POKE)
        page.wait_for_timeout(100)
        assert page.url == url, f"batch {batch} navigated away"
        assert page.evaluate("() => typeof window.__xss") == "undefined", f"batch {batch}"
        seen += page.locator("article").count()
    assert seen == len(CASES)
    assert watch.dialogs == []
    assert watch.off_origin == []
    assert watch.errors == []


def test_copy_button_copies_the_code(
    watched_page: tuple[Any, Watch], live_server: Any, browser_context: Any
) -> None:
    page, watch = watched_page
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"])
    _load(page, f"{live_server.url}/code/")
    button = page.locator("div.highlight > button.copy-code")
    assert button.text_content() == "Copy"
    button.click()
    page.wait_for_function("() => document.querySelector('.copy-code').textContent === 'Copied'")
    assert page.evaluate("() => navigator.clipboard.readText()") == "print('hello')\n"
    assert watch.errors == []
