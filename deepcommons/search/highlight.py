"""Highlighted titles and snippets, made from the post's own text.

The index holds segmented text, which would show Chinese with spaces, so the
snippet is cut from the original: the window around the first matched word,
HTML-escaped, with every matched word in <mark>. Query words are simplified
Chinese (see `segment.to_simplified`), so matches are looked for in the
simplified form of the text and marked in the text as written: a query for
神经网络 marks 神經網絡 in a post written in traditional characters.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from deepcommons.search.segment import to_simplified

SNIPPET_CHARS = 220
_MARKDOWN = re.compile(r"```[a-z0-9_+-]*|[`*_#>|~]|!?\[([^\]]*)\]\([^)]*\)|\$\$?|<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    """Markdown source with the markup dropped (link text kept), on one line."""
    text = _MARKDOWN.sub(lambda m: f" {m.group(1) or ''} ", markdown)
    return _SPACE.sub(" ", text).strip()


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    unique = sorted({t for t in terms if t}, key=len, reverse=True)[:30]
    if not unique:
        return None
    return re.compile("|".join(re.escape(t) for t in unique), re.IGNORECASE)


def _searchable(text: str) -> str:
    """`text` in simplified characters where that keeps every position, else as is."""
    simplified = to_simplified(text)
    return simplified if len(simplified) == len(text) else text


def mark(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with each occurrence of a term wrapped in <mark>."""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 - escaped above
    out: list[str] = []
    last = 0
    for match in pattern.finditer(_searchable(text)):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped


def snippet(markdown: str, terms: list[str], *, length: int = SNIPPET_CHARS) -> SafeString:
    """About `length` characters around the first match, highlighted."""
    text = plain_text(markdown)
    pattern = _pattern(terms)
    start = 0
    if pattern is not None:
        found = pattern.search(_searchable(text))
        if found is not None:
            start = max(0, found.start() - length // 4)
    piece = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + mark(piece, terms) + suffix)  # noqa: S308 - mark() escapes
