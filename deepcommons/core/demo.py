"""The demo builders that `manage.py demo` runs, registered by each app.

Core sits below every app, so it cannot import their demo modules; each app
registers its builder in `AppConfig.ready()` instead, by dotted path so that
no demo module is imported until the command runs:

    register_demo_builder(20, "deepcommons.spaces.demo.build")

Builders run by `order`, lowest first, so a later one can use what the
earlier ones made (posts need members and spaces). A builder takes the
command's stdout and must be idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string

DemoBuild = Callable[[Any], None]
DemoNote = Callable[[], str]


@dataclass(frozen=True)
class DemoBuilder:
    """One app's builder; `note` gives lines printed after every run (e.g. a login)."""

    order: int
    label: str
    path: str
    note_path: str = ""

    def build(self, stdout: Any) -> None:
        builder: DemoBuild = import_string(self.path)
        builder(stdout)

    def note(self) -> str:
        if not self.note_path:
            return ""
        note: DemoNote = import_string(self.note_path)
        return note()


_builders: dict[str, DemoBuilder] = {}


def register_demo_builder(order: int, path: str, *, note: str = "") -> None:
    """Run the callable at dotted `path` as step `order` of the demo.

    The label shown while it runs is the app's name, taken from the path
    (`deepcommons.posts.demo.build` → `posts`). Registering the same path
    again (a second `ready()` in tests) replaces the entry.
    """
    parts = path.split(".")
    label = parts[-3] if len(parts) >= 3 else path
    _builders[path] = DemoBuilder(order=order, label=label, path=path, note_path=note)


def demo_builders() -> list[DemoBuilder]:
    """The registered builders in running order (ties broken by path, so stable)."""
    return sorted(_builders.values(), key=lambda builder: (builder.order, builder.path))
