"""Shared fixtures: alice, bob and charlie, clients logged in as each."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    # Rate-limit counters live in the cache; each test starts from zero.
    cache.clear()


@pytest.fixture
def alice(db: None) -> User:
    return UserFactory(username="alice", display_name="Alice Liddell", email="alice@example.com")


@pytest.fixture
def bob(db: None) -> User:
    return UserFactory(username="bob", display_name="鲍勃", email="bob@example.com")


@pytest.fixture
def charlie(db: None) -> User:
    return UserFactory(username="charlie", display_name="Charlie", email="charlie@example.com")


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice: User) -> Client:
    return _client_for(alice)


@pytest.fixture
def bob_client(bob: User) -> Client:
    return _client_for(bob)


@pytest.fixture
def charlie_client(charlie: User) -> Client:
    return _client_for(charlie)


# Browser tests: real Chromium from Debian, driven by Playwright.

from deepcommons.core.testing import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser profile; English unless the test asks for a locale."""
    marker = request.node.get_closest_marker("locale")
    locale = marker.args[0] if marker else "en-US"
    context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context: Any) -> Any:
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    return page


# CI needs proof that browser tests ran (and passed) in each database run:
# with DC_BROWSER_REPORT=path, the number of passed browser tests is written
# there at the end of the session.
_browser_passed = 0


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _browser_passed
    if report.when == "call" and report.passed and "browser" in report.keywords:
        _browser_passed += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = os.environ.get("DC_BROWSER_REPORT")
    if path and not hasattr(session.config, "workerinput"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(str(_browser_passed))
