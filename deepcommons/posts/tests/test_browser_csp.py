"""The content pages break no rule of the site's CSP, in real Chromium.

The CSP allows no inline script or style, so an inline `style=` attribute,
a `<style>` element or a script setting a style through markup is refused
and logged. The listener is installed before any of the page runs, so it
also hears what scripts and htmx do while the page loads.
"""

from __future__ import annotations

from typing import Any

import pytest

from deepcommons.accounts.models import User
from deepcommons.core.testing import login_as
from deepcommons.posts.models import Kind
from deepcommons.posts.tests.factories import make_answer, make_comment, make_post, make_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(
    `${event.violatedDirective} ${event.blockedURI} `
    + `${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
"""


def _listening_page(browser_context: Any) -> Any:
    """A page that records CSP violations: the DOM events and Chromium's console reports."""
    browser_context.add_init_script(LISTEN)
    page = browser_context.new_page()
    page.csp_console = []
    page.on(
        "console",
        lambda message: (
            page.csp_console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def _violations(page: Any) -> list[str]:
    page.wait_for_load_state("networkidle")
    found = [*page.evaluate("window.__csp"), *page.csp_console]
    page.csp_console.clear()
    return found


def _visit(page: Any, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    return _violations(page)


def _content(alice: User, bob: User) -> list[str]:
    question = make_question(author=alice, title="Why is my softmax NaN?")
    answer = make_answer(question, author=bob, body="Subtract the max: `x - x.max()`.")
    make_comment(answer, author=alice, body="Thanks @bob, that works.")
    article = make_post(Kind.ARTICLE, author=bob, title="Attention, explained")
    discussion = make_post(Kind.DISCUSSION, author=bob, title="Favourite optimiser?")
    return [
        "/",
        "/questions/",
        question.get_absolute_url(),
        article.get_absolute_url(),
        discussion.get_absolute_url(),
    ]


def test_content_pages_log_no_csp_violation_for_a_visitor(
    browser_context: Any, live_server: Any, alice: User, bob: User
) -> None:
    page = _listening_page(browser_context)
    for path in _content(alice, bob):
        assert _visit(page, live_server.url + path) == [], path


def test_content_pages_log_no_csp_violation_for_a_member(
    browser_context: Any, live_server: Any, alice: User, bob: User, charlie: User
) -> None:
    login_as(browser_context, live_server.url, charlie)
    page = _listening_page(browser_context)
    paths = _content(alice, bob)
    for path in paths:
        assert _visit(page, live_server.url + path) == [], path
    # What htmx swaps in on a question page (a re-sorted answer list, the
    # editor's preview of code and math) is held to the same rule.
    _visit(page, live_server.url + paths[2])
    page.click("a[hx-get='?answers=newest']")
    page.wait_for_selector("a[hx-get='?answers=newest'][aria-current]")
    page.fill("#id_body", "Try:\n\n```python\nx = 1\n```\n\n$$\\frac{a}{b}$$")
    page.wait_for_selector(".preview-output .highlight")
    assert _violations(page) == []


def test_the_listener_hears_an_inline_style(
    browser_context: Any, live_server: Any, alice: User, bob: User
) -> None:
    """The harness itself: an inline style attribute and element are both reported."""
    page = _listening_page(browser_context)
    _visit(page, live_server.url + "/questions/")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend',"
        " '<p style=\"color: red\">x</p><style>p { color: red }</style>')"
    )
    found = _violations(page)
    assert any("style-src-attr" in line for line in found)
    assert any("style-src-elem" in line for line in found)


RICH = r"""Inline $\color{red}{x} + \style{color:red}{y}$, $\hspace{1em}\boxed{a}\cancel{c}$.

$$\begin{pmatrix}1 & 2\\3 & 4\end{pmatrix} \left(\frac{a}{b}\right) \sqrt[3]{x}$$

$$\displaystyle\sum_{i=1}^n x_i \text{ is <b style="color:red">bold</b>} \href{http://x}{y}$$

| left | centre | right |
|:-----|:------:|------:|
| 1    | 2      | 3     |

```python
def f(x):  # a comment
    return x ** 2
```

<span style="color: red">raw HTML</span>

![a chart](/media/csp/chart.png "A chart")
"""


def test_a_question_with_every_kind_of_content_logs_no_csp_violation(
    browser_context: Any,
    live_server: Any,
    settings: Any,
    tmp_path: Any,
    alice: User,
    bob: User,
    charlie: User,
) -> None:
    """Code, math (with \\color and \\style), aligned tables, raw HTML, an image,
    votes, an accepted answer and comments; seen by a moderator, who also
    edits a comment through htmx and goes back in history."""
    from io import BytesIO

    from PIL import Image

    from deepcommons.accounts.services import set_role
    from deepcommons.posts import services

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "csp").mkdir()
    image = BytesIO()
    Image.new("RGB", (40, 30), "red").save(image, "PNG")
    (tmp_path / "csp" / "chart.png").write_bytes(image.getvalue())
    question = make_question(author=alice, title="Why is my softmax NaN?", body=RICH)
    answer = make_answer(question, author=bob, body=RICH)
    make_answer(question, author=charlie, body="Use `logsumexp`: $$\\log\\sum_i e^{x_i}$$")
    make_comment(answer, author=alice, body="Thanks @bob, `x - x.max()` works: $x^2$.")
    comment = make_comment(question, author=charlie, body="Which **version**?")
    services.vote(post=question, user=bob, value=1)
    services.vote(post=answer, user=alice, value=1)
    services.accept_answer(answer=answer, by=alice)
    set_role(user=charlie, role="moderator")

    login_as(browser_context, live_server.url, charlie)
    page = _listening_page(browser_context)
    assert _visit(page, live_server.url + question.get_absolute_url()) == []
    assert page.evaluate("document.querySelector('img[alt=\"a chart\"]').naturalWidth") == 40
    assert page.locator(".post math").count() >= 4
    # Not even a refused one: htmx adds a <style> for .htmx-indicator unless
    # base.html's htmx-config meta turns includeIndicatorStyles off.
    assert page.evaluate("document.querySelectorAll('style, [style]').length") == 0
    page.click(f"#comment-{comment.pk} a[hx-get]")
    page.wait_for_selector(f"#comment-{comment.pk}.is-editing")
    assert _violations(page) == []
    page.goto(live_server.url + "/questions/")
    page.go_back()
    assert _violations(page) == []
