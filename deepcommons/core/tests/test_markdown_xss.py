"""Every hostile input renders to HTML with nothing executable in it."""

from __future__ import annotations

import pytest

from deepcommons.core.markdown import render_markdown, sanitize_html
from deepcommons.core.tests.xss_payloads import PAYLOAD_FILES, load_payloads, unsafe_parts

CASES = load_payloads()


def test_the_suite_holds_a_few_hundred_payloads_from_every_source() -> None:
    assert {path.stem for path in PAYLOAD_FILES} >= {
        "blns",
        "owasp_filter_evasion",
        "html5lib_sanitizer",
        "latex",
        "markdown",
    }
    assert len(CASES) > 700


@pytest.mark.parametrize(("case", "payload"), CASES, ids=[case for case, _ in CASES])
def test_hostile_input_renders_without_executable_parts(case: str, payload: str) -> None:
    html = render_markdown(payload)
    assert unsafe_parts(html) == []


@pytest.mark.parametrize(("case", "payload"), CASES, ids=[case for case, _ in CASES])
def test_hostile_html_is_cleaned_by_sanitize_html_alone(case: str, payload: str) -> None:
    # The allowlist is the second wall: it must hold even for raw HTML that
    # never went through the Markdown parser.
    assert unsafe_parts(sanitize_html(payload)) == []


def test_auditor_catches_what_it_is_meant_to_catch() -> None:
    assert unsafe_parts('<img src="x" onerror="alert(1)">') != []
    assert unsafe_parts('<a href="javascript:alert(1)">x</a>') != []
    assert unsafe_parts('<a href="jav&#x09;ascript:alert(1)">x</a>') != []
    assert unsafe_parts('<img src="data:image/png;base64,AAAA">') != []
    assert unsafe_parts("<p>&lt;script&gt;</p>") == []
