"""The nh3 allowlist that every rendered fragment passes through.

The Markdown parser never emits raw HTML, so this is the second wall: even a
bug in a renderer or plugin cannot put a script, a style, an event handler or
an unsafe URL on a page. Classes and ids are limited to the ones our own
renderers produce, so user text cannot borrow site styles or clobber DOM
names.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from pygments.lexers import get_all_lexers
from pygments.token import STANDARD_TYPES

LINK_REL = "nofollow ugc noopener"
URL_SCHEMES = {"http", "https", "mailto"}

HTML_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "input", "kbd", "li", "ol", "p", "pre", "s",
    "section", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip

# MathML Core presentation elements that latex2mathml emits. No `annotation-xml`
# (it may hold HTML) and no `maction`/`semantics` tricks with links.
MATH_TAGS = {
    "math", "annotation", "menclose", "merror", "mfrac", "mi", "mmultiscripts", "mn",
    "mo", "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms", "mspace",
    "msqrt", "mstyle", "msub", "msubsup", "msup", "mtable", "mtd", "mtext", "mtr",
    "munder", "munderover", "none", "semantics",
}  # fmt: skip

# Presentation attributes only: none of them carries a URL, a script or CSS.
MATH_ATTRIBUTES = {
    "accent", "accentunder", "columnalign", "columnlines", "columnspacing", "depth",
    "display", "displaystyle", "encoding", "fence", "form", "frame", "height", "largeop",
    "linethickness", "lspace", "mathsize", "mathvariant", "maxsize", "minsize",
    "movablelimits", "notation", "rowalign", "rowlines", "rowspacing", "rspace",
    "scriptlevel", "separator", "stretchy", "symmetric", "voffset", "width", "xmlns",
}  # fmt: skip

TAGS = HTML_TAGS | MATH_TAGS

ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
    "input": {"checked"},
    **{tag: set(MATH_ATTRIBUTES) for tag in MATH_TAGS},
}

TAG_ATTRIBUTE_VALUES = {"img": {"loading": {"lazy"}}}
# A task-list checkbox is never a live form control.
SET_TAG_ATTRIBUTE_VALUES = {"input": {"type": "checkbox", "disabled": "disabled"}}

CODE_LANGUAGE_CLASSES = {
    f"language-{aliases[0]}" for _, aliases, _, _ in get_all_lexers() if aliases
}
PYGMENTS_CLASSES = {name for name in STANDARD_TYPES.values() if name}

ALLOWED_CLASSES: dict[str, set[str]] = {
    "div": {"highlight"},
    "pre": set(),
    "code": CODE_LANGUAGE_CLASSES | {"math-source"},
    "span": PYGMENTS_CLASSES,
    "a": {"footnote-backref", "mention"},
    "sup": {"footnote-ref"},
    "section": {"footnotes"},
    "ol": {"footnotes-list"},
    "ul": {"contains-task-list"},
    "li": {"footnote-item", "task-list-item"},
    "hr": {"footnotes-sep"},
    "input": {"task-list-item-checkbox"},
    "th": {"align-left", "align-center", "align-right"},
    "td": {"align-left", "align-center", "align-right"},
}

# Footnote anchors are the only ids we emit: "fn-<doc id>-<n>" and
# "fnref-<doc id>-<n>[:<m>]" (see parser.FOOTNOTE_DOC_ID).
_FOOTNOTE_ID = re.compile(r"fn(?:ref)?-[0-9a-f]{8}-\d{1,5}(?::\d{1,5})?")


def is_allowed_image_src(src: str) -> bool:
    """True for absolute http(s) URLs and for files under our own MEDIA_URL.

    Protocol-relative (`//host/x.png`), `data:` and other relative URLs are
    refused: an image is either plainly external or one of our uploads.
    """
    if not src or "\\" in src or any(ord(ch) < 0x21 for ch in src):
        return False
    lowered = src.lower()
    if lowered.startswith(("http://", "https://")):
        return bool(urlsplit(src).hostname)
    media_url = settings.MEDIA_URL
    return src.startswith(media_url) and not src.startswith("//") and ".." not in src


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    if tag == "img" and attribute == "src":
        return value if is_allowed_image_src(value) else None
    if attribute == "href" and any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        # Browsers drop some control characters from URLs; a link that needs
        # them is not one we want to guess about.
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel=LINK_REL,
    tag_attribute_values=TAG_ATTRIBUTE_VALUES,
    set_tag_attribute_values=SET_TAG_ATTRIBUTE_VALUES,
    url_schemes=URL_SCHEMES,
    allowed_classes=ALLOWED_CLASSES,
)


def sanitize_html(html: str) -> str:
    """Clean an HTML fragment through the allowlist.

    Links get rel="nofollow ugc noopener"; style attributes, event handlers,
    unknown tags and URLs outside http/https/mailto are dropped.
    """
    return _cleaner.clean(html)
