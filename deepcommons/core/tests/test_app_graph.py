"""The apps depend downward only: no import cycle, no edge up the layer order.

The graph is read from the source with `ast`, so it also sees imports that
Python would only run later (inside functions, under `TYPE_CHECKING`), and
lookups that import by name (`apps.get_model("posts", "Post")`, migration
dependencies). What counts and why:

- every app module outside `tests/`, migrations included. Tests are left out:
  a test of a low app may build its scenario with a higher app's factories
  (core's pagination tests page real users and spaces), and nothing at run
  time imports a test;
- imports under `if TYPE_CHECKING:` count: a type from a higher app still ties
  the lower app to it, and mypy reads the cycle even when Python does not;
- `apps.get_model("<label>", ...)`, `get_model("<label>.<Model>")` and a
  migration's `dependencies` count: they are imports by another name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]

# The intended order, lowest first: an app may depend on the ones before it and
# never on one after it. New apps go above `posts` (they build on content):
# reputation, moderation, events, competitions, orgs, careers and learning are
# there; research and projects go between `learning` and `search`. `ops` reads
# analytics, so it sits above it. `api` stays last.
LAYERS = [
    "core",
    "accounts",
    "social",
    "spaces",
    "posts",
    "reputation",
    "moderation",
    "events",
    "competitions",
    "orgs",
    "careers",
    "learning",
    "search",
    "analytics",
    "ops",
    "api",
]

Edge = tuple[str, str, str]  # (from app, to app, "file:line")


def _apps() -> list[str]:
    return sorted(path.parent.name for path in PACKAGE.glob("*/apps.py"))


def _target(name: str, apps: set[str]) -> str | None:
    """The app that a dotted module name or an app label names, if it is ours."""
    parts = name.split(".")
    if parts[0] == "deepcommons":
        parts = parts[1:]
        return parts[0] if parts and parts[0] in apps else None
    return name if name in apps else None


def _label(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.split(".")[0]
    return None


def _names(node: ast.AST, apps: set[str]) -> Iterator[str]:
    """The apps one AST node refers to."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if (app := _target(alias.name, apps)) is not None:
                yield app
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        if node.module == "deepcommons":
            # from deepcommons import posts
            yield from (alias.name for alias in node.names if alias.name in apps)
        elif (app := _target(node.module, apps)) is not None:
            yield app
    elif isinstance(node, ast.Call):
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called == "get_model" and node.args and (label := _label(node.args[0])) in apps:
            yield str(label)
        elif called == "swappable_dependency":
            yield "accounts"  # settings.AUTH_USER_MODEL is accounts.User
    elif isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "dependencies" for t in node.targets
    ):
        # A migration's dependencies: [("posts", "0001_initial"), ...]
        for element in getattr(node.value, "elts", []):
            if (
                isinstance(element, ast.Tuple)
                and element.elts
                and (label := _label(element.elts[0])) in apps
            ):
                yield str(label)


def app_edges() -> list[Edge]:
    apps = set(_apps())
    edges: list[Edge] = []
    for app in sorted(apps):
        for path in sorted((PACKAGE / app).rglob("*.py")):
            if "tests" in path.relative_to(PACKAGE / app).parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                for target in _names(node, apps):
                    if target != app:
                        where = f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"
                        edges.append((app, target, where))
    return edges


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in `graph` as a path [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_every_app_has_a_place_in_the_layer_order() -> None:
    # A new app must be placed in LAYERS deliberately, not be left unchecked.
    assert sorted(LAYERS) == _apps()


def test_the_graph_reader_sees_each_kind_of_import() -> None:
    # Guards the reader itself: each way of naming an app is found.
    source = """
import deepcommons.posts.models
from deepcommons.social import services
from deepcommons import search
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from deepcommons.spaces.models import Space
def later():
    from deepcommons.analytics.listeners import log
apps.get_model("api", "Thing")
dependencies = [("accounts", "0001_initial"), migrations.swappable_dependency(USER)]
from .models import Local
import django.db
"""
    found = {name for node in ast.walk(ast.parse(source)) for name in _names(node, set(LAYERS))}
    assert found == {"posts", "social", "search", "spaces", "analytics", "api", "accounts"}


def test_there_is_no_import_cycle_between_apps() -> None:
    graph: dict[str, set[str]] = {}
    for source, target, _where in app_edges():
        graph.setdefault(source, set()).add(target)
    assert _cycle(graph) is None, f"import cycle between apps: {' -> '.join(_cycle(graph) or [])}"


def test_apps_depend_only_on_apps_below_them() -> None:
    upward = [
        f"{source} -> {target} ({where})"
        for source, target, where in app_edges()
        if LAYERS.index(target) > LAYERS.index(source)
    ]
    assert not upward, "upward dependencies:\n" + "\n".join(upward)
