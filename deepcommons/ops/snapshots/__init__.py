"""One module per console page, each turning `Inputs` into the JSON its page reads.

A page module has:

- `NAME`: the snapshot name (and the page's URL part);
- `PER_SPACE`: whether it is also computed for each space;
- `compute(inputs, space_id) -> dict`: numbers and language-neutral keys only
  (labels are translated when the page renders). It raises `ValueError`
  with a reason when the data cannot support the page; the recompute stores
  that reason so the page can say it instead of drawing nothing. Mark the
  reason with `gettext_noop` so the page can translate it.

`PAGE_MODULES` lists them in the console's order.
"""

from __future__ import annotations

import importlib
from types import ModuleType

PAGE_MODULES = (
    "overview",
    "growth",
    "activity",
    "spread",
    "network",
    "health",
    "incentives",
)


def page_module(name: str) -> ModuleType:
    if name not in PAGE_MODULES:
        raise KeyError(name)
    return importlib.import_module(f"deepcommons.ops.snapshots.{name}")


def all_page_modules() -> list[ModuleType]:
    return [page_module(name) for name in PAGE_MODULES]
