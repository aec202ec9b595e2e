"""The issue's console check in real Chromium: an operator opens every page on
the demo community, in English and in Chinese, and every chart is drawn (no
empty or broken chart), the console logs no error and axe-core finds no
serious violation. Screenshots go to test-artifacts/."""

from __future__ import annotations

import io
from functools import partial
from typing import Any

import pytest
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.core.demo import demo_builders
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.ops.charts import Chart
from deepcommons.ops.models import Snapshot
from deepcommons.ops.pages import PAGES
from deepcommons.ops.views.common import _context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: The demo builders the console reads (events, careers and the like add
#: nothing it shows and would only make the test slower).
CONSOLE_SOURCES = (
    "accounts",
    "social",
    "spaces",
    "posts",
    "reputation",
    "analytics",
    "moderation",
    "ops",
)


def _keep_error(errors: list[str], message: Any) -> None:
    if message.type == "error":
        errors.append(message.text)


def _build_demo() -> None:
    out = io.StringIO()
    for builder in demo_builders():
        if builder.label in CONSOLE_SOURCES:
            builder.build(out)


def _empty_charts(operator: User) -> list[str]:
    from django.test import RequestFactory

    empty = []
    for page in PAGES:
        request = RequestFactory().get(reverse(page.url_name))
        request.user = operator
        view, context = _context(request, page.name)
        assert not view.reason, (page.name, view.reason)
        charts: dict[str, Chart] = context["charts"]
        empty += [f"{page.name}:{cid}" for cid, chart in charts.items() if chart.is_empty]
    return empty


def test_an_operator_sees_every_page_filled_in_both_languages(
    chromium: Any, live_server: Any
) -> None:
    _build_demo()
    operator = User.objects.get(username="zhao_lei")
    assert operator.is_operator
    # The demo operator prefers Chinese; let each browser's language decide.
    User.objects.filter(pk=operator.pk).update(preferred_language="")
    # The demo's history supports every page: no snapshot says it cannot.
    reasons = Snapshot.objects.filter(scope="", data__has_key="reason").values_list("name", "data")
    assert not list(reasons)
    assert _empty_charts(operator) == []
    for locale, marker in (("en-US", "Overview"), ("zh-CN", "概览")):
        context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page = context.new_page()
        page.on("console", partial(_keep_error, errors))
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        login_as(context, live_server.url, operator)
        for console_page in PAGES:
            page.goto(live_server.url + reverse(console_page.url_name))
            assert page.locator("h1").first.is_visible()
            charts = page.locator(".ops-chart")
            count = charts.count()
            for index in range(count):
                charts.nth(index).wait_for(state="visible")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.ops-chart')]"
                ".every(el => el.getAttribute('data-drawn'))",
                timeout=15_000,
            )
            failed = page.locator(".ops-chart[data-drawn='failed']").count()
            assert failed == 0, (console_page.name, locale)
            assert page.locator(".ops-chart canvas").count() >= count
            assert_accessible(page)
            screenshot(page, f"ops-{console_page.name}-{locale}")
        page.goto(live_server.url + reverse("ops:overview"))
        assert marker in page.locator(".ops-nav").inner_text()
        assert errors == [], (locale, errors)
        context.close()
