"""LaTeX to MathML on the server, with latex2mathml.

latex2mathml copies `\\text{...}` verbatim and turns `\\href`/`\\style` into
attributes, so its output is not trusted: it is parsed as XML, every element
and attribute is checked against an allowlist, and the tree is serialised
again with proper escaping. Anything unexpected gives `None`, and the caller
shows the source as escaped text instead.
"""

from __future__ import annotations

import functools
import logging
import re
import xml.etree.ElementTree as ET
from html import escape

from latex2mathml.converter import convert

from deepcommons.core.markdown.sanitize import MATH_TAGS

logger = logging.getLogger(__name__)

MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"
MAX_FORMULA_CHARS = 4_000
MAX_BRACE_DEPTH = 40

_BOOLEAN = {"true", "false"}
_LENGTH = re.compile(
    r"(?:[-+]?\d{0,3}(?:\.\d{1,4})?(?:em|ex|pt|px|mu|%)?|0|thin|medium|thick)"
    r"(?: [-+]?\d{0,3}(?:\.\d{1,4})?(?:em|ex|pt|px|mu|%)?){0,20}"
)
_WORDS = re.compile(r"[a-z]+(?: [a-z]+){0,30}")
_ATTRIBUTE_VALUES: dict[str, re.Pattern[str] | set[str]] = {
    "display": {"block", "inline"},
    "displaystyle": _BOOLEAN,
    "stretchy": _BOOLEAN,
    "fence": _BOOLEAN,
    "separator": _BOOLEAN,
    "accent": _BOOLEAN,
    "accentunder": _BOOLEAN,
    "largeop": _BOOLEAN,
    "movablelimits": _BOOLEAN,
    "symmetric": _BOOLEAN,
    "form": {"prefix", "infix", "postfix"},
    "mathvariant": {
        "normal",
        "bold",
        "italic",
        "bold-italic",
        "double-struck",
        "bold-fraktur",
        "script",
        "bold-script",
        "fraktur",
        "sans-serif",
        "bold-sans-serif",
        "sans-serif-italic",
        "sans-serif-bold-italic",
        "monospace",
    },  # fmt: skip
    "scriptlevel": re.compile(r"[-+]?\d"),
    "notation": _WORDS,
    "columnalign": _WORDS,
    "rowalign": _WORDS,
    "columnlines": _WORDS,
    "rowlines": _WORDS,
    "frame": _WORDS,
    "width": _LENGTH,
    "height": _LENGTH,
    "depth": _LENGTH,
    "lspace": _LENGTH,
    "rspace": _LENGTH,
    "minsize": _LENGTH,
    "maxsize": _LENGTH,
    "mathsize": _LENGTH,
    "voffset": _LENGTH,
    "linethickness": _LENGTH,
    "columnspacing": _LENGTH,
    "rowspacing": _LENGTH,
}


class UnsafeMathError(ValueError):
    """latex2mathml produced something outside the MathML allowlist."""


def _brace_depth(source: str) -> int:
    depth = deepest = 0
    for char in source:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth -= 1
    return deepest


def _allowed_value(name: str, value: str) -> bool:
    rule = _ATTRIBUTE_VALUES.get(name)
    if rule is None:
        return False
    if isinstance(rule, set):
        return value in rule
    return bool(rule.fullmatch(value))


def _serialise(element: ET.Element, out: list[str]) -> None:
    tag = element.tag
    if not tag.startswith(MATHML_NS):
        raise UnsafeMathError(tag)
    name = tag[len(MATHML_NS) :]
    if name not in MATH_TAGS:
        raise UnsafeMathError(name)
    out.append(f"<{name}")
    for attribute, value in element.attrib.items():
        # Unknown attributes (href from \href, style from \style, colours)
        # are dropped, the formula itself still renders.
        if _allowed_value(attribute, value):
            out.append(f' {attribute}="{escape(value)}"')
    out.append(">")
    if element.text:
        out.append(escape(element.text, quote=False))
    for child in element:
        _serialise(child, out)
        if child.tail:
            out.append(escape(child.tail, quote=False))
    out.append(f"</{name}>")


@functools.lru_cache(maxsize=2048)
def latex_to_mathml(source: str, *, display: bool) -> str | None:
    """Return a `<math>` element for `source`, or None if it cannot be rendered safely."""
    if not source.strip() or len(source) > MAX_FORMULA_CHARS:
        return None
    if _brace_depth(source) > MAX_BRACE_DEPTH:
        return None
    try:
        raw = convert(source, display="block" if display else "inline")
        root = ET.fromstring(raw)
        out: list[str] = []
        _serialise(root, out)
    except (ET.ParseError, UnsafeMathError):
        return None
    except Exception:  # latex2mathml raises many kinds of errors on bad TeX
        logger.debug("latex2mathml failed on %r", source[:200], exc_info=True)
        return None
    return "".join(out)
