"""The markdown-it-py parser: CommonMark plus the extensions we support.

Raw HTML is off, so every tag in the output comes from a renderer here.
Fenced code is highlighted with Pygments, `$…$`/`$$…$$` become MathML, images
are limited to http(s) and our own uploads, and table alignment becomes a
class because the site's CSP forbids inline styles.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from deepcommons.core.markdown.code import render_code_block
from deepcommons.core.markdown.mathml import latex_to_mathml
from deepcommons.core.markdown.sanitize import is_allowed_image_src

# A plugin takes the parser and adds rules to it, as markdown-it plugins do;
# for example a future `@username` mention rule.
MarkdownPlugin = Callable[[MarkdownIt], None]

# Deeper block or inline nesting is rendered as text; this bounds the work
# on inputs such as 10,000 `>` or `[`.
MAX_NESTING = 20


def _render_fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    info = unescapeAll(token.info).strip()
    language = info.split(maxsplit=1)[0] if info else ""
    return render_code_block(token.content, language)


def _render_code_block(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return render_code_block(tokens[idx].content)


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    src = str(token.attrGet("src") or "")
    if not is_allowed_image_src(src):
        # Not an error worth a broken image: keep the words the author wrote.
        return escape(alt, quote=False)
    attrs = f'src="{escape(src)}" alt="{escape(alt)}"'
    title = token.attrGet("title")
    if title:
        attrs += f' title="{escape(str(title))}"'
    return f'<img {attrs} loading="lazy">'


def _math(source: str, *, display: bool) -> str:
    mathml = latex_to_mathml(source, display=display)
    if mathml is not None:
        return mathml
    delimiter = "$$" if display else "$"
    return f'<code class="math-source">{escape(delimiter + source + delimiter, quote=False)}</code>'


def _render_math_inline(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return _math(tokens[idx].content, display=False)


def _render_math_display(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return _math(tokens[idx].content.strip(), display=True)


def _render_math_block(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    html = _math(tokens[idx].content.strip(), display=True)
    return f"{html}\n" if html.startswith("<math") else f"<p>{html}</p>\n"


def _render_cell_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    style = token.attrGet("style")
    if isinstance(style, str) and style.startswith("text-align:"):
        del token.attrs["style"]
        token.attrSet("class", "align-" + style.removeprefix("text-align:"))
    return self.renderToken(tokens, idx, options, env)


def _validate_link(url: str) -> bool:
    # markdown-it allows some data:image URLs; we allow no data: at all, and
    # nothing but http(s), mailto and relative links survive nh3 later.
    lowered = url.strip().lower()
    return not lowered.startswith(("javascript:", "vbscript:", "file:", "data:"))


def _build(plugins: tuple[MarkdownPlugin, ...]) -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {"html": False, "linkify": True, "typographer": False, "maxNesting": MAX_NESTING},
    ).enable(["table", "strikethrough", "linkify"])
    # Bare domains such as README.md are not links; http(s):// URLs and
    # e-mail addresses are.
    assert md.linkify is not None  # linkify-it-py is a dependency
    md.linkify.set({"fuzzy_link": False})
    md.validateLink = _validate_link  # type: ignore[method-assign]
    footnote_plugin(md)
    tasklists_plugin(md)
    # Pandoc rules: no space inside the dollars and no digit after the closing
    # one, so "it costs $5 and $10" stays prose.
    dollarmath_plugin(
        md, allow_labels=False, allow_space=False, allow_digits=False, double_inline=True
    )
    rules: dict[str, Any] = {
        "fence": _render_fence,
        "code_block": _render_code_block,
        "image": _render_image,
        "math_inline": _render_math_inline,
        "math_inline_double": _render_math_display,
        "math_block": _render_math_block,
        "th_open": _render_cell_open,
        "td_open": _render_cell_open,
    }
    for name, rule in rules.items():
        md.add_render_rule(name, rule)
    for plugin in plugins:
        plugin(md)
    return md


@functools.lru_cache(maxsize=16)
def get_parser(plugins: tuple[MarkdownPlugin, ...] = ()) -> MarkdownIt:
    """The shared parser for this set of plugins (built once per process)."""
    return _build(plugins)
