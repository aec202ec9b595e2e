"""Notebooks render once to safe HTML: hostile outputs lose their teeth."""

from __future__ import annotations

import base64
import json

import pytest
from django.core.exceptions import ValidationError

from deepcommons.learning.notebooks import (
    MAX_BYTES,
    MAX_IMAGE_BYTES,
    parse_github_url,
    read_notebook,
    render_notebook,
)
from deepcommons.learning.tests.factories import code_cell, display, notebook_json, stream

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _render(cells: list[dict[str, object]]) -> str:
    return render_notebook(read_notebook(notebook_json(cells))).html


def test_markdown_code_and_stream_outputs_render() -> None:
    html = _render(
        [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Loss\n$x^2$"},
            code_cell("import torch\nprint(torch.ones(2))", [stream("tensor([1., 1.])\n")]),
        ]
    )
    assert "<h1>Loss</h1>" in html
    assert "<math" in html  # LaTeX through the posts' pipeline
    assert 'class="language-python"' in html and '<span class="kn">import</span>' in html
    assert '<pre class="nb-stream">tensor([1., 1.])\n</pre>' in html


def test_a_script_in_an_html_output_is_removed() -> None:
    html = _render([code_cell("x", [display({"text/html": "<b>ok</b><script>alert(1)</script>"})])])
    assert "<b>ok</b>" in html
    assert "<script" not in html and "alert(1)" not in html


def test_event_handlers_and_javascript_links_are_removed() -> None:
    hostile = (
        '<img src="https://example.com/x.png" onerror="alert(1)">'
        '<a href="javascript:alert(2)">click</a>'
        '<div onclick="alert(3)" style="position:fixed">x</div>'
        '<iframe src="https://evil.example"></iframe>'
    )
    html = _render(
        [
            code_cell("x", [display({"text/html": hostile})]),
            {
                "cell_type": "markdown",
                "id": "m",
                "metadata": {},
                "source": "[a](javascript:alert(4))",
            },
        ]
    )
    lowered = html.lower()
    for bad in ("onerror", "onclick", 'href="javascript:', "<iframe", "style="):
        assert bad not in lowered
    # The Markdown link stays plain text; the HTML output's link loses its href.
    assert ">click</a>" in html and "alert(2)" not in html


def test_a_script_in_text_plain_and_stream_is_escaped() -> None:
    html = _render(
        [code_cell("x", [stream("<script>alert(1)</script>"), display({"text/plain": "<script>"})])]
    )
    assert "<script" not in html and "&lt;script&gt;" in html


def test_png_and_jpeg_outputs_become_data_uris_we_build() -> None:
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 16
    html = _render(
        [
            code_cell("x", [display({"image/png": base64.b64encode(PNG).decode() + "\n"})]),
            code_cell("y", [display({"image/jpeg": base64.b64encode(jpeg).decode()})]),
        ]
    )
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in html
    assert "data:image/jpeg;base64," in html


@pytest.mark.parametrize(
    "data",
    [
        "not base64 at all!!",
        base64.b64encode(b"<svg onload=alert(1)>").decode(),  # not a PNG
        base64.b64encode(PNG).decode() + '" onerror="alert(1)',
    ],
)
def test_bad_image_data_is_left_out(data: str) -> None:
    html = _render([code_cell("x", [display({"image/png": data, "text/plain": "<Figure>"})])])
    assert "data:image" not in html and "onerror" not in html
    assert "An image output was left out" in html


def test_a_huge_image_is_left_out() -> None:
    huge = base64.b64encode(PNG + b"\x00" * (MAX_IMAGE_BYTES + 1)).decode()
    html = _render([code_cell("x", [display({"image/png": huge})])])
    assert "data:image" not in html and "too large" in html


def test_svg_outputs_show_their_text_fallback() -> None:
    html = _render(
        [
            code_cell(
                "x", [display({"image/svg+xml": "<svg onload='alert(1)'/>", "text/plain": "fig"})]
            )
        ]
    )
    assert "<svg" not in html and "fig" in html


def test_an_error_output_shows_its_traceback_without_ansi_codes() -> None:
    error = {
        "output_type": "error",
        "ename": "ZeroDivisionError",
        "evalue": "division by zero",
        "traceback": ["\x1b[0;31mZeroDivisionError\x1b[0m: division by zero"],
    }
    html = _render([code_cell("1/0", [error])])
    assert "ZeroDivisionError: division by zero" in html and "\x1b" not in html


def test_a_v3_notebook_is_upgraded_to_v4() -> None:
    v3 = {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {},
        "worksheets": [
            {"cells": [{"cell_type": "code", "input": "print(1)", "language": "python",
                        "outputs": [], "prompt_number": 1, "metadata": {}}]}
        ],
    }  # fmt: skip
    notebook = read_notebook(json.dumps(v3).encode())
    assert notebook.nbformat == 4
    assert "print" in render_notebook(notebook).html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2, 3]", "no nbformat version"),
        (json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
            {"cell_type": "code", "source": "x"}]}).encode(), "does not follow the Jupyter format"),
    ],
)  # fmt: skip
def test_corrupt_notebooks_are_refused_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        read_notebook(data)


def test_an_oversize_notebook_is_refused_before_parsing() -> None:
    with pytest.raises(ValidationError, match="at most 10 MB"):
        read_notebook(b" " * (MAX_BYTES + 1))


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/d2l-ai/d2l-en/blob/master/chapter_linear-networks/linear-regression.ipynb",
        "https://github.com/pytorch/tutorials/blob/v2.1/beginner.ipynb",
    ],
)
def test_github_notebook_links_are_accepted(url: str) -> None:
    assert parse_github_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "http://github.com/a/b/blob/main/x.ipynb",
        "https://github.com.evil.example/a/b/blob/main/x.ipynb",
        "https://github.com/a/b/blob/main/x.py",
        "https://github.com/a/b/tree/main/x.ipynb",
        "https://github.com/a/b/blob/main/../../x.ipynb",
        "https://github.com/a/b/blob/main/x.ipynb?raw=1",
        "https://github.com/a/b/blob/main/x.ipynb#L1",
        "https://github.com/a/b/blob/main/%2e%2e/x.ipynb",
        "javascript:alert(1)//https://github.com/a/b/blob/main/x.ipynb",
        "https://github.com/a/b/blob/main/x.ipynb\n",
    ],
)
def test_other_links_are_refused(url: str) -> None:
    if url.endswith("\n"):
        # Surrounding whitespace is trimmed; an inner newline is not allowed.
        url = url.replace("main/", "ma\nin/")
    with pytest.raises(ValidationError):
        parse_github_url(url)
