"""What every console page shares: who may see it, its scope, its snapshot, its charts.

Only operators (`User.is_operator`: administrators and the Operators group)
see the console; everybody else, moderators included, gets a 404, so the
console's existence is not advertised. A page module in this package has a
`build(request, view) -> dict` that reads `view.snapshot` and returns the
template context, charts under "charts" (id → `ops.charts.Chart`); the
chart endpoints call the same `build`, so the JSON, the table and the CSV
are the page's own numbers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from deepcommons.ops.charts import Chart
from deepcommons.ops.models import Snapshot, SnapshotRun
from deepcommons.ops.pages import PAGES
from deepcommons.ops.services.recompute import REASON_KEY, space_scope
from deepcommons.spaces.models import Space

View = Callable[..., HttpResponse]


def is_operator(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_operator)


def operator_required(view: View) -> View:
    """404 for everyone but operators."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_operator(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@dataclass
class PageView:
    """One request to a console page: the scope asked for, its snapshot, problems found."""

    name: str
    space: Space | None
    snapshot: Snapshot | None
    messages: list[str] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        return self.snapshot.data if self.snapshot is not None else {}

    @property
    def reason(self) -> str:
        """Why the page has nothing to show, or ""."""
        if self.snapshot is None:
            return _(
                "These figures have not been computed yet. Press “Recompute now”, or wait "
                "for the nightly run."
            )
        if REASON_KEY in self.data:
            # Page modules mark their reasons with gettext_noop, so they translate here.
            return _("The data cannot support this page yet: %(reason)s.") % {
                "reason": _(self.data[REASON_KEY])
            }
        return ""


def page_view_for(request: HttpRequest, name: str, *, per_space: bool = True) -> PageView:
    space = None
    messages: list[str] = []
    slug = request.GET.get("space", "").strip()
    if slug and per_space:
        space = Space.objects.filter(slug=slug).first()
        if space is None:
            messages.append(
                _("There is no space “%(slug)s”; showing the whole community.") % {"slug": slug}
            )
    scope = space_scope(space.slug) if space is not None else ""
    return PageView(name, space, Snapshot.objects.for_page(name, scope), messages)


def _module(name: str) -> ModuleType:
    import importlib

    if name not in {page.name for page in PAGES}:
        raise Http404
    return importlib.import_module(f"deepcommons.ops.views.{name}")


def _context(request: HttpRequest, name: str) -> tuple[PageView, dict[str, Any]]:
    module = _module(name)
    view = page_view_for(request, name, per_space=getattr(module, "PER_SPACE", True))
    context = module.build(request, view) if not view.reason else {"charts": {}}
    return view, context


@operator_required
def console_page(request: HttpRequest, name: str) -> HttpResponse:
    view, context = _context(request, name)
    module = _module(name)
    context.update(
        {
            "view": view,
            "pages": PAGES,
            "current": name,
            "spaces": Space.objects.order_by("slug"),
            "per_space": getattr(module, "PER_SPACE", True),
            "run": SnapshotRun.objects.latest_first().first(),
            "query": request.GET.urlencode(),
        }
    )
    return render(request, f"ops/{name}.html", context)


def _chart(request: HttpRequest, name: str, chart_id: str) -> Chart:
    _view, context = _context(request, name)
    chart = context.get("charts", {}).get(chart_id)
    if chart is None:
        raise Http404
    return chart  # type: ignore[no-any-return]


@operator_required
def chart_json(request: HttpRequest, name: str, chart_id: str) -> JsonResponse:
    return JsonResponse(_chart(request, name, chart_id).as_json())


@operator_required
def chart_csv(request: HttpRequest, name: str, chart_id: str) -> HttpResponse:
    return _chart(request, name, chart_id).csv(f"{name}-{chart_id}")


def page_payload(request: HttpRequest, name: str) -> dict[str, Any]:
    """A page as JSON (the API's answer): its snapshot's data and its charts, translated."""
    view, context = _context(request, name)
    snapshot = view.snapshot
    return {
        "page": name,
        "space": view.space.slug if view.space is not None else None,
        "computed_at": snapshot.computed_at.isoformat() if snapshot is not None else None,
        "duration_seconds": snapshot.duration_seconds if snapshot is not None else None,
        "reason": view.reason,
        "messages": [*view.messages, *context.get("page_messages", [])],
        "charts": [chart.as_json() for chart in context.get("charts", {}).values()],
        "data": view.data,
    }
