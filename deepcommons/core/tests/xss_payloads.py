"""Load the hostile inputs in tests/data/xss/ and check rendered HTML for them."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from deepcommons.core.markdown.sanitize import TAGS

XSS_DIR = Path(__file__).resolve().parent / "data" / "xss"
PAYLOAD_FILES = sorted(XSS_DIR.glob("*.json"))


def load_payloads() -> list[tuple[str, str]]:
    """(case id, payload) for every string in every payload file."""
    cases: list[tuple[str, str]] = []
    for path in PAYLOAD_FILES:
        for index, payload in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            cases.append((f"{path.stem}-{index}", payload))
    return cases


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster"}


class _Auditor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in _URL_ATTRIBUTES:
                self._check_url(tag, name, value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _check_url(self, tag: str, name: str, value: str) -> None:
        # As a browser's URL parser does: trim C0 controls and spaces, drop
        # tabs and newlines anywhere.
        stripped = value.strip("".join(map(chr, range(0x21))))
        stripped = "".join(ch for ch in stripped if ch not in "\t\n\r").lower()
        scheme = urlsplit(stripped).scheme
        if tag == "img":
            if not (scheme in {"http", "https"} or stripped.startswith("/media/")):
                self.problems.append(f"img src {value!r}")
        elif scheme not in {"", "http", "https", "mailto"}:
            self.problems.append(f"{name}={value!r} on <{tag}>")


def unsafe_parts(html: str) -> list[str]:
    """Everything in `html` that a safe fragment must not contain."""
    problems: list[str] = []
    lowered = html.lower()
    for needle in ("<script", "<style", "<iframe", "<object", "<embed", "<svg", "<base"):
        if needle in lowered:
            problems.append(f"raw {needle}")
    auditor = _Auditor()
    auditor.feed(html)
    auditor.close()
    return problems + auditor.problems
