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


# Privileges most tests' members (reputation 1) use as if they had earned
# them: voting, commenting, creating tags, seeing vote splits. Editing
# others' posts without review, close votes and moderation tools keep their
# real thresholds, so tests that an outsider may not edit or moderate hold.
FREE_IN_TESTS = ("upvote", "comment", "downvote", "create_tags", "see_vote_split")


@pytest.fixture(autouse=True)
def _free_privileges(request: pytest.FixtureRequest, settings: Any) -> None:
    """Lower the everyday privileges to 0 reputation, unless the test is
    marked `@pytest.mark.real_privileges` (the default thresholds)."""
    if request.node.get_closest_marker("real_privileges") is None:
        settings.REPUTATION_PRIVILEGES = {name: 0 for name in FREE_IN_TESTS}


@pytest.fixture(autouse=True)
def _no_rate_limits(request: pytest.FixtureRequest, settings: Any) -> None:
    # Tests post far faster than any member could; the anti-abuse limits stay
    # off unless a test is marked `real_rate_limits`.
    if request.node.get_closest_marker("real_rate_limits") is None:
        settings.ABUSE_RATE_LIMITS_ENABLED = False
    # Likewise the new-member content limits and the spam score (posts screens).
    if request.node.get_closest_marker("real_screens") is None:
        settings.ABUSE_SCREENS_ENABLED = False


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


# CI needs proof that browser and semantic tests ran (and passed) in each
# database run: with DC_BROWSER_REPORT=path (DC_SEMANTIC_REPORT=path), the number
# of passed tests marked `browser` (`semantic`) is written there at the end of
# the session.
_REPORTS = {"browser": "DC_BROWSER_REPORT", "semantic": "DC_SEMANTIC_REPORT"}
_passed = dict.fromkeys(_REPORTS, 0)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed:
        for marker in _REPORTS:
            if marker in report.keywords:
                _passed[marker] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return
    for marker, variable in _REPORTS.items():
        path = os.environ.get(variable)
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(str(_passed[marker]))


# Tests marked `semantic` need the optional semantic extra (`make semantic`).
# Without it they are deselected, not skipped, and the summary says so.
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from deepcommons.search import semantic

    if semantic.is_installed():
        return
    deselected = [item for item in items if item.get_closest_marker("semantic")]
    if deselected:
        items[:] = [item for item in items if not item.get_closest_marker("semantic")]
        config.hook.pytest_deselected(items=deselected)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from deepcommons.search import semantic

    if not semantic.is_installed():
        terminalreporter.write_line(
            "semantic: the semantic extra is not installed, so the tests marked `semantic` "
            "were deselected (install it with `make semantic`)."
        )
