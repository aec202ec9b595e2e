"""Server-side syntax highlighting of code blocks with Pygments."""

from __future__ import annotations

import functools
import logging
from html import escape

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

logger = logging.getLogger(__name__)

# Regex lexers can be slow on hostile input; past this size a block is shown
# plain, which is still readable and keeps rendering time bounded.
MAX_HIGHLIGHT_CHARS = 20_000

# Spans with token classes only; the wrapper is ours (see `render_code_block`).
_formatter = HtmlFormatter(nowrap=True)


@functools.lru_cache(maxsize=256)
def _lexer_for(language: str) -> Lexer | None:
    if not language or len(language) > 40:
        return None
    try:
        return get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


def render_code_block(code: str, language: str = "") -> str:
    """Return `<div class="highlight"><pre><code>` HTML for one code block.

    Known languages (any Pygments alias: python, c++, cuda, bash, yaml, json …)
    get token spans and a `language-<alias>` class; others are escaped text.
    copy-code.js adds the copy button to every `div.highlight`.
    """
    lexer = _lexer_for(language.strip())
    body: str | None = None
    language_class = ""
    if lexer is not None and len(code) <= MAX_HIGHLIGHT_CHARS:
        try:
            body = highlight(code, lexer, _formatter)
            language_class = f' class="language-{escape(lexer.aliases[0])}"'
        except Exception:  # a lexer bug must not break the page
            logger.warning("pygments failed for %s", language, exc_info=True)
            body = None
    if body is None:
        body = escape(code, quote=False)
    return f'<div class="highlight"><pre><code{language_class}>{body}</code></pre></div>\n'
