"""render_markdown: the syntax we support, and the limits that keep it safe and fast."""

from __future__ import annotations

import gc
import re
import time

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from deepcommons.core.markdown import MAX_INPUT_CHARS, render_markdown


def test_table_renders_with_alignment_as_classes_not_styles() -> None:
    html = render_markdown("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |")
    assert "<table>" in html
    assert '<th class="align-left">a</th>' in html
    assert '<td class="align-center">2</td>' in html
    assert '<td class="align-right">3</td>' in html
    assert "style=" not in html


def test_strikethrough() -> None:
    assert render_markdown("~~gone~~ here") == "<p><s>gone</s> here</p>\n"


def test_task_list_checkboxes_are_disabled() -> None:
    html = render_markdown("- [x] done\n- [ ] todo")
    assert '<ul class="contains-task-list">' in html
    boxes = re.findall(r"<input[^>]*>", html)
    assert len(boxes) == 2
    assert all('disabled="disabled"' in box and 'type="checkbox"' in box for box in boxes)
    assert 'checked="checked"' in boxes[0]
    assert "checked" not in boxes[1]


def test_bare_and_bracketed_urls_become_links_but_file_names_do_not() -> None:
    html = render_markdown("See https://example.com/a?b=1 and <https://example.org> in README.md")
    assert '<a href="https://example.com/a?b=1" rel="nofollow ugc noopener">' in html
    assert '<a href="https://example.org" rel="nofollow ugc noopener">' in html
    assert 'href="http://README.md"' not in html


def test_every_link_gets_nofollow_ugc_noopener() -> None:
    html = render_markdown("[a](https://example.com) [b](/questions/1/) <mailto:x@example.com>")
    assert html.count('rel="nofollow ugc noopener"') == 3


def test_footnotes_link_both_ways_with_ids_unique_to_the_text() -> None:
    html = render_markdown("Claim[^1].\n\n[^1]: Source.")
    ref = re.search(r'<a href="#(fn-[0-9a-f]{8}-1)" id="(fnref-[0-9a-f]{8}-1)"', html)
    assert ref is not None
    assert f'<li id="{ref.group(1)}" class="footnote-item">' in html
    assert f'href="#{ref.group(2)}" class="footnote-backref"' in html
    other = render_markdown("Other[^1].\n\n[^1]: Note.")
    assert ref.group(1) not in other


@pytest.mark.parametrize(
    ("language", "code", "token"),
    [
        ("python", "def f(x):\n    return x", '<span class="k">def</span>'),
        ("c++", "int main() { return 0; }", '<span class="kt">int</span>'),
        ("cuda", "__global__ void k() {}", '<span class="kr">__global__</span>'),
        ("bash", "for f in *; do echo $f; done", '<span class="k">for</span>'),
        ("yaml", "key: value", '<span class="nt">key</span>'),
        ("json", '{"a": 1}', '<span class="nt">"a"</span>'),
    ],
)
def test_fenced_code_is_highlighted_by_pygments(language: str, code: str, token: str) -> None:
    html = render_markdown(f"```{language}\n{code}\n```")
    assert html.startswith('<div class="highlight"><pre><code class="language-')
    assert token in html


def test_unknown_language_and_indented_code_are_escaped_in_the_same_frame() -> None:
    html = render_markdown("```klingon\n<b>qapla'</b>\n```\n\n    a < b")
    assert (
        '<div class="highlight"><pre><code>&lt;b&gt;qapla\'&lt;/b&gt;\n</code></pre></div>' in html
    )
    assert '<div class="highlight"><pre><code>a &lt; b\n</code></pre></div>' in html


def test_inline_math_becomes_mathml() -> None:
    html = render_markdown(r"Energy $E=mc^2$ holds.")
    assert '<math display="inline">' in html
    assert "<msup><mi>c</mi><mn>2</mn></msup>" in html


def test_block_math_becomes_display_mathml() -> None:
    html = render_markdown("$$\n\\frac{a}{b}\n$$")
    assert html.startswith('<math display="block">')
    assert "<mfrac>" in html


def test_unterminated_dollar_and_prices_stay_text() -> None:
    assert render_markdown("Costs $5 and $10.") == "<p>Costs $5 and $10.</p>\n"
    assert render_markdown("Open $x never closed") == "<p>Open $x never closed</p>\n"


def test_formula_that_breaks_the_converter_falls_back_to_escaped_source() -> None:
    html = render_markdown(r"$\text{</math><script>alert(1)</script>}$")
    assert "<math" not in html
    expected = r"$\text{&lt;/math&gt;&lt;script&gt;alert(1)&lt;/script&gt;}$"
    assert f'<code class="math-source">{expected}</code>' in html


def test_latex_href_and_style_are_dropped_but_the_formula_stays() -> None:
    html = render_markdown(r"$\href{javascript:alert(1)}{x} + \style{color:red}{y}$")
    assert "<mi>x</mi>" in html and "<mi>y</mi>" in html
    assert "href" not in html and "style" not in html and "javascript" not in html


def _time_ratio(large: str, small: str, repeat: int = 5, attempts: int = 3) -> float:
    """Best render time of `large` over that of `small`, measured alternately.

    A ratio measured in one run, not a wall-clock limit, so a loaded machine
    does not fail it: the runs alternate (both see the same load), the best
    of each is kept, and the garbage collector is paused (a full collection
    costs by the size of the test process, not of the text). A burst of load
    can still skew one attempt, so the lowest of a few attempts counts;
    quadratic code is slow in every attempt.
    """
    render_markdown(large), render_markdown(small)  # warm the caches, as a running site has
    ratios = []
    for _ in range(attempts):
        best = {large: float("inf"), small: float("inf")}
        gc.disable()
        try:
            for _ in range(repeat):
                for text in (large, small):
                    start = time.perf_counter()
                    render_markdown(text)
                    best[text] = min(best[text], time.perf_counter() - start)
        finally:
            gc.enable()
        ratios.append(best[large] / best[small])
        if ratios[-1] < 3.0:
            break
    return min(ratios)


def _assert_linear(unit: str, count: int) -> None:
    """Doubling the input must not much more than double the time (quadratic: 4x)."""
    ratio = _time_ratio(unit * count, unit * (count // 2))
    assert ratio < 3.0, (unit[:10], ratio)


@pytest.mark.parametrize("unit", [">", "[", "- ", "*a"])
def test_deep_nesting_renders_in_linear_time(unit: str) -> None:
    count = 10_000 // len(unit)
    assert render_markdown(unit * count)
    _assert_linear(unit, count)


def test_deeply_nested_formula_falls_back_in_linear_time() -> None:
    html = render_markdown("$" + "{" * 5_000 + "x" + "}" * 5_000 + "$")
    assert "math-source" in html
    small = "$" + "{" * 2_500 + "x" + "}" * 2_500 + "$"
    large = "$" + "{" * 5_000 + "x" + "}" * 5_000 + "$"
    assert _time_ratio(large, small) < 3.0


def test_long_realistic_post_renders_in_linear_time() -> None:
    section = (
        "## 训练循环 {n}\n\nSome *emphasis*, `code`, [a link](https://example.com) and "
        "$\\nabla_\\theta L$ plus https://pytorch.org/docs.\n\n"
        "```python\nfor x, y in loader:\n    loss = F.mse_loss(model(x), y)\n"
        "    loss.backward()\n```\n\n| k | v |\n|---|---|\n| lr | 3e-4 |\n\n"
        "- [x] item\n> quote ~~old~~\n\n"
    )
    text = "".join(section.format(n=n) for n in range(200))[:40_000]
    assert len(text) == 40_000
    assert render_markdown(text).count('<div class="highlight">') > 100
    # Measured 1.02 here: twice the text costs twice the time.
    assert _time_ratio(text, text[:20_000], repeat=3) < 3.0


def test_input_is_cut_at_the_maximum_length() -> None:
    html = render_markdown("a" * MAX_INPUT_CHARS + "TAIL")
    assert "TAIL" not in html


def test_images_http_and_own_media_are_kept() -> None:
    html = render_markdown("![chart](https://example.com/c.png) ![mine](/media/posts/1.webp)")
    assert '<img src="https://example.com/c.png" alt="chart" loading="lazy">' in html
    assert '<img src="/media/posts/1.webp" alt="mine" loading="lazy">' in html


@pytest.mark.parametrize(
    "src",
    [
        "javascript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "//evil.example/x.png",
        "relative.png",
        "/static/../media/x.png",
        "/media/../secret.png",
    ],
)
def test_images_from_anywhere_else_are_dropped_leaving_the_alt_text(src: str) -> None:
    html = render_markdown(f"![the alt]({src})")
    assert "<img" not in html
    assert "the alt" in html


def test_javascript_links_are_not_links() -> None:
    html = render_markdown("[x](javascript:alert(1)) [y](data:text/html,hi)")
    assert "<a" not in html


def test_raw_html_is_escaped() -> None:
    html = render_markdown("<script>alert(1)</script>\n\n<b onclick=x>hi</b>")
    assert "<script" not in html and "<b" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_chinese_text_is_untouched() -> None:
    text = "深度学习社区：讨论反向传播、注意力机制与「大模型」训练。"
    assert render_markdown(text) == f"<p>{text}</p>\n"


def test_empty_input_renders_nothing() -> None:
    assert render_markdown("") == ""


def test_plugins_extend_the_syntax_and_report_through_env() -> None:
    # The hook the mentions feature will use: a markdown-it plugin that adds
    # an inline rule, records what it found in `env`, and emits a.mention.
    def mention_plugin(md: MarkdownIt) -> None:
        def mention(state: StateInline, silent: bool) -> bool:
            match = re.match(r"@(\w+)", state.src[state.pos :])
            if state.src[state.pos] != "@" or match is None:
                return False
            if not silent:
                token = state.push("html_inline", "", 0)
                name = match.group(1)
                token.content = f'<a class="mention" href="/u/{name}/">@{name}</a>'
                state.env.setdefault("mentions", []).append(name)
            state.pos += match.end()
            return True

        md.inline.ruler.before("emphasis", "mention", mention)

    env: dict[str, object] = {}
    html = render_markdown("hi @alice and @bob", plugins=(mention_plugin,), env=env)
    assert '<a class="mention" href="/u/alice/" rel="nofollow ugc noopener">@alice</a>' in html
    assert env["mentions"] == ["alice", "bob"]
    assert "@alice" in render_markdown("hi @alice") and "mention" not in render_markdown("@a")
