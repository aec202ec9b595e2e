from __future__ import annotations

from django.test import RequestFactory
from django.utils import translation

from deepcommons.core.fragments import (
    CSRF_PLACEHOLDER,
    bump_versions,
    cached_fragment,
    get_versions,
)


def test_versions_start_at_zero_and_count_bumps(db: None) -> None:
    assert get_versions("a", "b") == (0, 0)
    bump_versions("a")
    bump_versions("a", "b")
    assert get_versions("a", "b", "c") == (2, 1, 0)


def test_fragment_is_rendered_once_per_parts_and_language(db: None) -> None:
    request = RequestFactory().get("/")
    calls: list[str] = []

    def render() -> str:
        calls.append(translation.get_language())
        return f"<p>{len(calls)}</p>"

    assert cached_fragment(request, name="t", parts=(1,), render=render) == "<p>1</p>"
    assert cached_fragment(request, name="t", parts=(1,), render=render) == "<p>1</p>"
    assert cached_fragment(request, name="t", parts=(2,), render=render) == "<p>2</p>"
    with translation.override("zh-hans"):
        assert cached_fragment(request, name="t", parts=(1,), render=render) == "<p>3</p>"
    assert calls == ["en", "en", "zh-hans"]


def test_csrf_tokens_are_stored_as_a_placeholder_and_filled_per_request(db: None) -> None:
    token = "a" * 64
    html = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    first = cached_fragment(RequestFactory().get("/"), name="f", parts=(), render=lambda: html)
    second = cached_fragment(RequestFactory().get("/"), name="f", parts=(), render=lambda: "x")
    assert token not in first and CSRF_PLACEHOLDER not in first
    assert 'name="csrfmiddlewaretoken" value="' in second
    assert first != second  # each request gets its own masked token


def test_shared_tag_renders_once_per_key_with_each_visitors_token(db: None) -> None:
    import re

    from django.middleware.csrf import _does_token_match
    from django.template import engines

    page = engines["django"].from_string(
        '{% load core_tags %}{% shared "demo" n %}<p>{{ n }} {{ extra }}</p>'
        "<form>{% csrf_token %}</form>{% endshared %}"
    )
    first_request, second_request = RequestFactory().get("/"), RequestFactory().get("/")
    first = page.render({"n": 1, "extra": "first"}, first_request)
    second = page.render({"n": 1, "extra": "second"}, second_request)
    assert "1 first" in first and "1 first" in second  # the second came from the cache
    assert "2 third" in page.render({"n": 2, "extra": "third"}, RequestFactory().get("/"))
    assert CSRF_PLACEHOLDER not in second
    # each page carries a token that matches its own visitor's secret only
    token = re.search(r'value="([A-Za-z0-9]+)"', second).group(1)  # type: ignore[union-attr]
    assert _does_token_match(token, second_request.META["CSRF_COOKIE"])
    assert not _does_token_match(token, first_request.META["CSRF_COOKIE"])
