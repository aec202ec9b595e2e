"""`@username` mentions: finding them in Markdown and linking them in HTML.

A mention is `@` followed by a username (3–30 of `A-Za-z0-9_-`), not preceded
by a letter, digit or one of `.@/_-` (so `bob@example.com` and `x/@y` are not
mentions), and not inside a code span, a code block or a link.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

USERNAME = r"[A-Za-z0-9_-]{3,30}"
_MENTION = re.compile(rf"(?<![A-Za-z0-9.@/_-])@({USERNAME})(?![A-Za-z0-9_-])")
_BEFORE = re.compile(r"[A-Za-z0-9.@/_-]")
_AT_NAME = re.compile(rf"@({USERNAME})(?![A-Za-z0-9_-])")

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False})


def _text_outside_links(tokens: list[Token]) -> list[str]:
    pieces: list[str] = []
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        depth = 0
        for child in token.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type == "text" and depth == 0:
                pieces.append(child.content)
            else:
                # Code spans, breaks, images: a boundary, never part of a name.
                pieces.append(" ")
    return pieces


def extract_mentions(text: str) -> list[str]:
    """Usernames mentioned in Markdown `text`, lower-cased, in order, without repeats."""
    if "@" not in (text or ""):
        return []
    seen: dict[str, None] = {}
    tokens = _parser.parse(text)
    # Text tokens are split at `@` boundaries by markdown-it, so adjacent
    # pieces are joined per inline run before matching.
    for piece in ("".join(_text_outside_links([t])) for t in tokens):
        for match in _MENTION.finditer(piece):
            seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def mention_plugin(md: MarkdownIt) -> None:
    """A markdown-it plugin for `render_markdown(text, plugins=(mention_plugin,), env=env)`.

    It turns mentions into `<a class="mention" href="/u/name/">@name</a>` and
    records the lower-cased names in `env["mentions"]`. Whether the user
    exists is not checked here; `link_mentions` does that for stored HTML.
    """

    def rule(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != "@" or state.linkLevel > 0:
            return False
        if state.pos > 0 and _BEFORE.match(state.src[state.pos - 1]):
            return False
        match = _AT_NAME.match(state.src, state.pos)
        if match is None:
            return False
        name = match.group(1)
        if not silent:
            token = state.push("link_open", "a", 1)
            token.attrs = {"href": f"/u/{name}/", "class": "mention"}
            text = state.push("text", "", 0)
            text.content = f"@{name}"
            state.push("link_close", "a", -1)
            state.env.setdefault("mentions", [])
            if name.lower() not in state.env["mentions"]:
                state.env["mentions"].append(name.lower())
        state.pos = match.end()
        return True

    md.inline.ruler.before("emphasis", "mention", rule)


_TAG = re.compile(r"(<[^>]*>)")
_SKIP_TAGS = {"a", "code", "pre"}


def link_mentions(html: str, *, usernames: Any = None) -> str:
    """Link `@name` in already-rendered, sanitised HTML to the user's profile.

    Text inside `<a>`, `<code>` and `<pre>` is left alone. With `usernames`
    (a set of lower-cased names), only those are linked; otherwise existing
    active users are looked up in one query.
    """
    if "@" not in html:
        return html
    parts = _TAG.split(html)
    candidates = {
        m.group(1).lower() for i, p in enumerate(parts) if i % 2 == 0 for m in _MENTION.finditer(p)
    }
    if not candidates:
        return html
    if usernames is None:
        from deepcommons.accounts.models import User

        found = User.objects.active().by_usernames(candidates)
        usernames = {name.lower() for name in found.values_list("username", flat=True)}
    depth = 0
    for i, part in enumerate(parts):
        if i % 2 == 1:
            tag = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if tag and tag.group(1).lower() in _SKIP_TAGS and not part.endswith("/>"):
                depth += -1 if part.startswith("</") else 1
            continue
        if depth > 0 or "@" not in part:
            continue
        parts[i] = _MENTION.sub(
            lambda m: (
                f'<a class="mention" href="/u/{m.group(1)}/">@{m.group(1)}</a>'
                if m.group(1).lower() in usernames
                else m.group(0)
            ),
            part,
        )
    return "".join(parts)
