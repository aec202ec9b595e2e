"""`manage.py demo` runs the builders the apps register, in their order."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils.module_loading import import_string

from deepcommons.core import demo
from deepcommons.core.models import DemoState

# What the fake builders below did, in order.
calls: list[str] = []


def build_first(stdout: Any) -> None:
    calls.append("first")
    stdout.write("  first built")


def build_second(stdout: Any) -> None:
    calls.append("second")


def note() -> str:
    return "log in as x / y"


def test_the_apps_register_their_builders_in_dependency_order() -> None:
    # Members, their private messages, then spaces (with their moderators), then posts in them, then
    # the activity history of everything before.
    labels = [builder.label for builder in demo.demo_builders()]
    assert labels == [
        "accounts",
        "social",
        "spaces",
        "posts",
        "reputation",
        "analytics",
        "moderation",
        "events",
        "competitions",
        "orgs",
        "careers",
        "learning",
        "ops",
    ]
    for builder in demo.demo_builders():
        assert callable(import_string(builder.path))


@pytest.mark.django_db
def test_demo_runs_builders_by_order_once_and_prints_notes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(demo, "_builders", {})
    calls.clear()
    # Registered out of order: the order number decides, not the call order.
    demo.register_demo_builder(20, f"{__name__}.build_second")
    demo.register_demo_builder(10, f"{__name__}.build_first", note=f"{__name__}.note")
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert calls == ["first", "second"]
    assert DemoState.objects.get(pk=1).loaded_at is not None
    text = out.getvalue()
    assert text.index("first built") < text.index("log in as x / y")

    # A second run builds nothing but still prints the login.
    again = io.StringIO()
    call_command("demo", stdout=again)
    assert calls == ["first", "second"]
    assert "already loaded" in again.getvalue()
    assert "log in as x / y" in again.getvalue()

    call_command("demo", "--force", stdout=io.StringIO())
    assert calls == ["first", "second", "first", "second"]


def test_registering_a_path_again_replaces_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "_builders", {})
    demo.register_demo_builder(30, "deepcommons.posts.demo.build")
    demo.register_demo_builder(5, "deepcommons.posts.demo.build")
    assert [(b.order, b.label) for b in demo.demo_builders()] == [(5, "posts")]


@pytest.mark.django_db
def test_demo_says_where_the_site_is_served(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    # make run exports SITE_URL for the port it serves on (PORT=8011).
    monkeypatch.setattr(demo, "_builders", {})
    settings.SITE_URL = "http://127.0.0.1:8011"
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "ready at http://127.0.0.1:8011/" in out.getvalue()
    assert "8000" not in out.getvalue()
