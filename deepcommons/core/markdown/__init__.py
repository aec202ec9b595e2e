"""The one entry point for user-written text: Markdown in, safe HTML out.

Everything user-written (bios, posts, comments, messages) goes through
`render_markdown`, and callers store the result: rendering happens on save,
not on every view. The parser never emits raw HTML, and the output passes an
nh3 allowlist (`sanitize_html`), so no script, style, event handler or
unsafe URL can reach a page. Input that breaks a renderer falls back to
escaped text; this function does not raise on user input.

Extension hook: `render_markdown(text, plugins=(mention_plugin,), env=env)`
runs markdown-it plugins on top of the standard syntax, and a plugin may
record what it found in `env` (for example the usernames it linked) for the
caller to act on. Classes a plugin emits must be in `sanitize.ALLOWED_CLASSES`
(`a.mention` is already there).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from typing import Any

from django.utils.html import escape, linebreaks

from deepcommons.core.markdown.parser import MarkdownPlugin, get_parser
from deepcommons.core.markdown.sanitize import sanitize_html

__all__ = ["MAX_INPUT_CHARS", "MarkdownPlugin", "render_markdown", "sanitize_html"]

logger = logging.getLogger(__name__)

MAX_INPUT_CHARS = 100_000


def _is_rust_panic(error: BaseException) -> bool:
    # nh3 surfaces Rust panics as pyo3's PanicException, a BaseException.
    return type(error).__name__ == "PanicException"


def render_markdown(
    text: str,
    *,
    plugins: Sequence[MarkdownPlugin] = (),
    env: dict[str, Any] | None = None,
) -> str:
    """Render Markdown to sanitised HTML. Never raises on user input.

    Input past MAX_INPUT_CHARS characters is cut off. `plugins` are
    markdown-it plugins applied after ours; `env` is the markdown-it
    environment, shared with them.
    """
    text = (text or "")[:MAX_INPUT_CHARS]
    env = {} if env is None else env
    # Footnote ids are prefixed with a digest of the text, so two posts on one
    # page do not share "fn1".
    env.setdefault("docId", hashlib.blake2s(text.encode(), digest_size=4).hexdigest())
    try:
        html = get_parser(tuple(plugins)).render(text, env)
    except Exception:  # a renderer bug must not become a 500 or unsafe output
        logger.exception("markdown rendering failed; falling back to escaped text")
        html = linebreaks(escape(text))
    try:
        return sanitize_html(html)
    except BaseException as error:
        if not _is_rust_panic(error):
            raise
        logger.error("nh3 panicked; falling back to escaped text")
        return linebreaks(escape(text))
