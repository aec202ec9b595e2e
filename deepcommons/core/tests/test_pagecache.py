from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _does_token_match
from django.template import engines
from django.test import RequestFactory, override_settings
from django.utils import translation

from deepcommons.core.pagecache import (
    CSRF_PLACEHOLDER,
    bump_versions,
    cache_anonymous,
    cached_fragment,
    cached_partials,
    get_versions,
    read_version_and_facts,
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


def test_a_version_and_its_facts_come_in_one_query(
    db: None, django_assert_num_queries: Any
) -> None:
    bump_versions("thread:1")
    bump_versions("thread:1", "posts")
    table = "core_cacheversion"
    facts = {
        "a": (f"SELECT value, 7 FROM {table} WHERE name IN (%s, %s)", ["thread:1", "posts"]),
        "b": (f"SELECT 1, 0 FROM {table} WHERE name = %s LIMIT 1", ["nothing"]),
    }
    with django_assert_num_queries(1):
        version, found = read_version_and_facts("thread:1", facts)
    assert version == 2
    assert sorted(found["a"]) == [(1, 7), (2, 7)]
    assert found["b"] == []
    assert read_version_and_facts("never-bumped", {}) == (0, {})


def test_a_fact_tag_that_is_not_one_letter_is_refused(db: None) -> None:
    with pytest.raises(ValueError):
        read_version_and_facts("x", {"a', 0, 0 --": ("SELECT 1, 1", [])})


PARTIALS = (
    "{% partialdef one %}<p>one {{ n }}</p><form>{% csrf_token %}</form>{% endpartialdef %}"
    "{% partialdef two %}<p>two {{ n }}</p>{% endpartialdef %}"
)
PARTIALS_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "builtins": ["template_partials.templatetags.partials"],
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [("django.template.loaders.locmem.Loader", {"page.html": PARTIALS})],
                )
            ],
        },
    }
]


@override_settings(TEMPLATES=PARTIALS_TEMPLATES)
def test_partials_build_their_context_once_per_miss_and_never_on_a_hit(db: None) -> None:
    calls: list[int] = []

    def context() -> dict[str, Any]:
        calls.append(1)
        return {"n": len(calls)}

    first = cached_partials(
        RequestFactory().get("/"), "page.html", ["one", "two"], parts=(1,), context=context
    )
    assert calls == [1]
    assert "one 1" in first["one"] and first["two"] == "<p>two 1</p>"
    assert CSRF_PLACEHOLDER not in first["one"] and 'name="csrfmiddlewaretoken"' in first["one"]
    again = cached_partials(
        RequestFactory().get("/"), "page.html", ["one", "two"], parts=(1,), context=context
    )
    assert calls == [1]
    assert again["two"] == "<p>two 1</p>"
    assert again["one"] != first["one"]  # the same HTML with this visitor's own token
    # A partial asked for alone shares the entry; new parts render afresh.
    assert cached_partials(
        RequestFactory().get("/"), "page.html", ["two"], parts=(1,), context=context
    ) == {"two": "<p>two 1</p>"}
    assert cached_partials(
        RequestFactory().get("/"), "page.html", ["two"], parts=(2,), context=context
    ) == {"two": "<p>two 2</p>"}
    assert calls == [1, 1]


class _Member(AnonymousUser):
    """A signed-in viewer, as far as the page cache asks (core knows no accounts)."""

    @property
    def is_authenticated(self) -> bool:  # type: ignore[override]
        return True


def _anonymous_get(path: str = "/page/", **cookies: str) -> HttpRequest:
    request = RequestFactory().get(path)
    request.COOKIES.update(cookies)
    request.user = AnonymousUser()
    return request


def test_anonymous_pages_are_served_from_the_cache_with_the_visitors_own_token(db: None) -> None:
    calls: list[str] = []
    form = engines["django"].from_string("<p>{{ n }}</p><form>{% csrf_token %}</form>")

    @cache_anonymous
    def view(request: HttpRequest) -> HttpResponse:
        calls.append(request.path)
        return HttpResponse(form.render({"n": len(calls)}, request))

    first = view(_anonymous_get())
    second_request = _anonymous_get()
    second = view(second_request)
    assert calls == ["/page/"] and second["X-Cache"] == "hit"
    assert "<p>1</p>" in second.content.decode()
    token = re.search(r'value="([A-Za-z0-9]+)"', second.content.decode()).group(1)  # type: ignore[union-attr]
    assert _does_token_match(token, second_request.META["CSRF_COOKIE"])
    assert CSRF_PLACEHOLDER not in first.content.decode()
    # Another path, a session cookie, a member: each renders afresh.
    view(_anonymous_get("/page/?sort=top"))
    view(_anonymous_get(sessionid="abc"))
    member = RequestFactory().get("/page/")
    member.user = _Member()
    view(member)
    assert len(calls) == 4


def test_only_whole_successful_anonymous_pages_are_cached(db: None) -> None:
    calls: list[int] = []

    @cache_anonymous
    def missing(request: HttpRequest) -> HttpResponse:
        calls.append(1)
        return HttpResponse("gone", status=404)

    missing(_anonymous_get())
    missing(_anonymous_get())
    assert len(calls) == 2
