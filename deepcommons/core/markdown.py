"""The one entry point for user-written text: Markdown in, safe HTML out.

Everything user-written (bios now; posts, comments and messages later) goes
through `render_markdown`. The parser never emits raw HTML, and the output
passes an nh3 allowlist, so no script, style, event handler or unsafe URL can
reach a page.
"""

from __future__ import annotations

import logging

import nh3
from django.utils.html import escape
from markdown_it import MarkdownIt

logger = logging.getLogger(__name__)

MAX_INPUT_CHARS = 100_000

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "input",
    "section",
    "div",
}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
    "pre": {"class"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "input": {"type", "checked", "disabled"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def sanitize_html(html: str) -> str:
    """Clean HTML through the allowlist; links get rel="nofollow ugc noopener"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Render Markdown to sanitised HTML. Never raises on user input."""
    text = (text or "")[:MAX_INPUT_CHARS]
    try:
        html = _md.render(text)
    except Exception:  # a renderer bug must not become a 500 or unsafe output
        logger.exception("markdown rendering failed; falling back to escaped text")
        html = f"<p>{escape(text)}</p>"
    return sanitize_html(html)
