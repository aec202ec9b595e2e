"""What a post's Markdown contains that anti-abuse counts: links, images, mentions.

Counted from the rendered HTML, so links inside code blocks are not links,
and Markdown links, autolinks and bare URLs all are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from deepcommons.core.markdown import render_markdown
from deepcommons.social.mentions import extract_mentions

_HREF = re.compile(r"<a\s[^>]*href=\"([^\"]+)\"", re.IGNORECASE)
_IMG = re.compile(r"<img\s", re.IGNORECASE)


def screens_enabled() -> bool:
    """The content limits and the spam score run unless ABUSE_SCREENS_ENABLED is False
    (the tests turn them off unless marked `real_screens`)."""
    return bool(getattr(settings, "ABUSE_SCREENS_ENABLED", True))


@dataclass(frozen=True)
class Contents:
    links: list[str]  # external URLs, in order, with repeats
    images: int
    mentions: int
    html: str

    @property
    def domains(self) -> list[str]:
        return [host for host in (urlsplit(url).hostname or "" for url in self.links) if host]


def read(body: str) -> Contents:
    html = render_markdown(body or "")
    links = [url for url in _HREF.findall(html) if url.startswith(("http://", "https://", "//"))]
    return Contents(
        links=links,
        images=len(_IMG.findall(html)),
        mentions=len(extract_mentions(body or "")),
        html=html,
    )
