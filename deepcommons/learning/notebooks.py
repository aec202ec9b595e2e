"""Jupyter notebooks to safe HTML, once, at upload.

`read_notebook` parses and validates the file with nbformat (upgrading any
older format to v4); `render_notebook` turns it into HTML where every piece
is one of:

- our own wrapper markup (cells, prompts), with nothing user-written in it
  unescaped;
- Markdown cells (and text/markdown, text/latex outputs) through
  `core.markdown.render_markdown`, the pipeline posts use (LaTeX included);
- code through `core.markdown.code.render_code_block` (Pygments);
- text/html outputs through `core.markdown.sanitize_html`, the same nh3
  allowlist as post bodies: no script, no event handler, no javascript: URL;
- PNG and JPEG outputs as data: URIs that we build ourselves from base64
  that decodes strictly, starts with the format's magic bytes and stays
  under MAX_IMAGE_BYTES;
- everything else (stream, text/plain, errors) escaped.

SVG outputs are not shown as images (an SVG can carry script); their
text/plain fallback is.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from html import escape
from typing import Any

import nbformat
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from deepcommons.core.markdown import render_markdown, sanitize_html
from deepcommons.core.markdown.code import render_code_block

MAX_BYTES = 10 * 1024 * 1024
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_CELLS = 2000
MAX_OUTPUT_CHARS = 100_000

_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

# https://github.com/<owner>/<repo>/blob/<ref>/<path>.ipynb, nothing more:
# no query, no fragment, no "..", no percent-escapes that could hide them.
_GITHUB_URL = re.compile(
    r"https://github\.com/"
    r"(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/"
    r"(?P<repo>[A-Za-z0-9_.-]{1,100})/blob/"
    r"(?P<ref>[A-Za-z0-9_.-]{1,100})/"
    r"(?P<path>(?:[A-Za-z0-9_. -]{1,200}/){0,20}[A-Za-z0-9_. -]{1,200}\.ipynb)"
)


@dataclass(frozen=True)
class RenderedNotebook:
    html: str
    cell_count: int


def parse_github_url(url: str) -> str:
    """The URL itself when it names a notebook file on GitHub, else a ValidationError."""
    url = url.strip()
    match = _GITHUB_URL.fullmatch(url)
    if (
        match is None
        or match["repo"] in {".", ".."}
        or match["ref"] in {".", ".."}
        or any(part in {".", ".."} or part != part.strip() for part in match["path"].split("/"))
    ):
        raise ValidationError(
            _(
                "Give a GitHub notebook link like "
                "https://github.com/owner/repo/blob/main/path/notebook.ipynb."
            ),
            code="github_url",
        )
    return url


def read_notebook(data: bytes) -> Any:
    """The notebook in `data` as a validated v4 `NotebookNode`; a
    ValidationError that says what is wrong otherwise."""
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("A notebook may be at most %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
            code="size",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            _("This file is not a Jupyter notebook: it is not UTF-8 text."), code="encoding"
        ) from None
    try:
        parsed = json.loads(text)
    except ValueError:
        raise ValidationError(
            _("This file is not a Jupyter notebook: it is not valid JSON."), code="json"
        ) from None
    if not isinstance(parsed, dict) or "nbformat" not in parsed:
        raise ValidationError(
            _("This file is not a Jupyter notebook: it has no nbformat version."),
            code="not_notebook",
        )
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as exc:  # nbformat.ValidationError, a converter's KeyError, …
        detail = getattr(exc, "message", "") or str(exc)
        raise ValidationError(
            _("This notebook does not follow the Jupyter format: %(detail)s")
            % {"detail": str(detail)[:200]},
            code="schema",
        ) from None
    if len(notebook.cells) > MAX_CELLS:
        raise ValidationError(
            _("A notebook may have at most %(n)d cells.") % {"n": MAX_CELLS}, code="cells"
        )
    return notebook


def _text(value: Any) -> str:
    """A notebook string field: a string or a list of lines."""
    if isinstance(value, list):
        return "".join(str(part) for part in value)
    return "" if value is None else str(value)


def _pre(text: str, css: str) -> str:
    if len(text) > MAX_OUTPUT_CHARS:
        text = text[:MAX_OUTPUT_CHARS] + "\n…"
    return f'<pre class="{css}">{escape(text, quote=False)}</pre>'


def _image(mime: str, data: Any) -> str | None:
    """An <img> with a data: URI we built, or None if the data is not a
    small, well-formed image of that type."""
    raw = re.sub(r"\s+", "", _text(data))
    if len(raw) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        return None
    try:
        decoded = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(decoded) > MAX_IMAGE_BYTES or not decoded.startswith(_MAGIC[mime]):
        return None
    encoded = base64.b64encode(decoded).decode("ascii")
    alt = escape(_("Output image"))
    return f'<img class="nb-image" src="data:{mime};base64,{encoded}" alt="{alt}">'


def _rich(bundle: dict[str, Any]) -> str:
    """The best safe rendering of one output's MIME bundle."""
    for mime in ("image/png", "image/jpeg"):
        if mime in bundle:
            image = _image(mime, bundle[mime])
            if image is not None:
                return image
            return (
                '<p class="nb-note">'
                + escape(_("An image output was left out: it is too large or not a valid image."))
                + "</p>"
            )
    if "text/html" in bundle:
        html = _text(bundle["text/html"])[:MAX_OUTPUT_CHARS]
        return f'<div class="nb-html">{sanitize_html(html)}</div>'
    if "text/markdown" in bundle:
        return f'<div class="nb-markdown">{render_markdown(_text(bundle["text/markdown"]))}</div>'
    if "text/latex" in bundle:
        return f'<div class="nb-markdown">{render_markdown(_text(bundle["text/latex"]))}</div>'
    if "text/plain" in bundle:
        return _pre(_text(bundle["text/plain"]), "nb-text")
    return ""


def _output(output: Any) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        css = "nb-stream nb-stderr" if output.get("name") == "stderr" else "nb-stream"
        return _pre(_text(output.get("text")), css)
    if kind == "error":
        trace = "\n".join(_text(line) for line in output.get("traceback") or [])
        trace = _ANSI.sub("", trace) or f"{output.get('ename', '')}: {output.get('evalue', '')}"
        return _pre(trace, "nb-error")
    if kind in ("execute_result", "display_data"):
        return _rich(dict(output.get("data") or {}))
    return ""


def _language(notebook: Any) -> str:
    metadata = notebook.get("metadata") or {}
    info = metadata.get("language_info") or {}
    kernel = metadata.get("kernelspec") or {}
    name = info.get("name") or kernel.get("language") or "python"
    return str(name)[:40]


def render_notebook(notebook: Any) -> RenderedNotebook:
    """HTML for a validated v4 notebook (see the module docstring for what is safe why)."""
    language = _language(notebook)
    parts: list[str] = ['<div class="notebook">']
    for cell in notebook.cells:
        source = _text(cell.get("source"))
        kind = cell.get("cell_type")
        if kind == "markdown":
            parts.append(f'<div class="nb-cell nb-markdown-cell">{render_markdown(source)}</div>')
        elif kind == "code":
            count = cell.get("execution_count")
            prompt = f"[{int(count)}]" if isinstance(count, int) else "[ ]"
            parts.append('<div class="nb-cell nb-code-cell">')
            parts.append(f'<div class="nb-prompt" aria-hidden="true">{prompt}</div>')
            parts.append('<div class="nb-input">' + render_code_block(source, language) + "</div>")
            outputs = [_output(output) for output in cell.get("outputs") or []]
            outputs = [html for html in outputs if html]
            if outputs:
                parts.append('<div class="nb-outputs">' + "".join(outputs) + "</div>")
            parts.append("</div>")
        else:
            parts.append('<div class="nb-cell nb-raw-cell">' + _pre(source, "nb-raw") + "</div>")
    parts.append("</div>")
    # A "\u0000" in the JSON becomes a NUL in the text, which PostgreSQL
    # cannot store and no page needs.
    html = "\n".join(parts).replace("\x00", "")
    return RenderedNotebook(html=html, cell_count=len(notebook.cells))
