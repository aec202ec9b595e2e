"""Post lists (global, per kind, per space, per tag), the home page and saved posts."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.htmx import is_htmx
from deepcommons.core.pagecache import cache_anonymous, cached_partials
from deepcommons.core.pagination import is_valid_cursor, keyset_page
from deepcommons.posts.models import Kind, Post, annotate_viewer_state
from deepcommons.posts.pagecache import list_signature
from deepcommons.posts.querysets import DEFAULT_PERIOD, DEFAULT_SORT, SORT_FIELDS, TOP_PERIODS
from deepcommons.posts.views.common import visible_posts
from deepcommons.spaces.models import Space, Tag, TagSynonym

PER_PAGE = 20
LIST_TEMPLATE = "posts/post_list.html"
SORTS = ["hot", "latest", "active", "top", "unanswered"]
KIND_TITLES = {
    Kind.QUESTION: _("Questions"),
    Kind.ARTICLE: _("Articles"),
    Kind.TUTORIAL: _("Tutorials"),
    Kind.DISCUSSION: _("Discussions"),
}
# At most this many pinned posts head a space's list.
PINNED_MAX = 5
LIST_KINDS = [Kind.QUESTION, Kind.ARTICLE, Kind.TUTORIAL, Kind.DISCUSSION]


def _list_context(
    request: HttpRequest,
    *,
    kinds: list[str],
    kind: str | None,
    space: Space | None = None,
    tag: Tag | None = None,
) -> dict[str, Any]:
    """Sort tabs and the rows, which come from the fragment cache.

    The rows are `Post.objects.listing`, the same read as the API's lists."""
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort not in SORTS:
        sort = DEFAULT_SORT
    period = request.GET.get("period", DEFAULT_PERIOD)
    if period not in TOP_PERIODS:
        period = DEFAULT_PERIOD
    cursor = request.GET.get("cursor", "")
    # A stale, foreign or tampered cursor shows page 1 (and shares its cache entry).
    if not is_valid_cursor(Post, cursor, field=SORT_FIELDS[sort]):
        cursor = ""
    context: dict[str, Any] = {
        "sort": sort,
        "period": period,
        "sorts": SORTS,
        "periods": list(TOP_PERIODS),
    }

    parts = (request.path, sort, period, cursor, kind, *list_signature(request))
    rows = partial(
        _rows_context,
        request,
        dict(context),
        kinds=kinds,
        kind=kind,
        cursor=cursor,
        space=space,
        tag=tag,
    )
    shared = cached_partials(request, LIST_TEMPLATE, ["list-page"], parts=parts, context=rows)
    context["list_html"] = shared["list-page"]
    return context


def _rows_context(
    request: HttpRequest,
    tabs: dict[str, Any],
    *,
    kinds: list[str],
    kind: str | None,
    cursor: str,
    space: Space | None,
    tag: Tag | None,
) -> dict[str, Any]:
    """What the list-page partial renders: one page of `Post.objects.listing`.

    In a space, pinned posts come first (on the first page) and leave the
    ordered rows."""
    queryset = visible_posts(request).listing(
        kinds=kinds, sort=tabs["sort"], period=tabs["period"], space=space, tag=tag
    )
    pinned: list[Post] = []
    if space is not None:
        if not cursor:
            pinned = list(
                visible_posts(request)
                .published()
                .of_kind(*kinds)
                .in_space(space)
                .pinned()
                .for_list()[:PINNED_MAX]
            )
        queryset = queryset.filter(pinned_at__isnull=True)
    page = keyset_page(queryset, field=SORT_FIELDS[tabs["sort"]], cursor=cursor, per_page=PER_PAGE)
    return {
        **tabs,
        "page": page,
        "pinned": pinned,
        "posts": page.items,
        "kind": kind,
        "list_url": request.path,
        "space": space,
        "tag": tag,
    }


def _render_list(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    if is_htmx(request):
        return HttpResponse(context["list_html"])
    return render(request, "posts/post_list.html", context)


@cache_anonymous
def post_list(request: HttpRequest, kind: str | None = None) -> HttpResponse:
    kinds: list[str] = [kind] if kind else [str(k) for k in LIST_KINDS]
    context = _list_context(request, kinds=kinds, kind=kind)
    context.update(
        heading=KIND_TITLES.get(Kind(kind), _("Everything")) if kind else _("Everything"),
        kind=kind,
        list_url=request.path,
    )
    return _render_list(request, context)


@cache_anonymous
def space_detail(request: HttpRequest, space_slug: str) -> HttpResponse:
    space = get_object_or_404(Space, slug=space_slug)
    kind = request.GET.get("kind", "")
    kinds: list[str] = [kind] if kind in LIST_KINDS else [str(k) for k in LIST_KINDS]
    context = _list_context(request, kinds=kinds, kind=kind, space=space)
    context.update(space=space, heading=space.name, kind=kind, list_url=request.path)
    return _render_list(request, context)


@cache_anonymous
def tag_detail(request: HttpRequest, tag_name: str) -> HttpResponse:
    tag = Tag.objects.filter(name=tag_name.lower()).first()
    if tag is None:
        synonym = get_object_or_404(TagSynonym.objects.select_related("tag"), name=tag_name.lower())
        return redirect(synonym.tag, permanent=True)
    if tag.name != tag_name:
        return redirect(tag, permanent=True)
    kind = request.GET.get("kind", "")
    kinds: list[str] = [kind] if kind in LIST_KINDS else [str(k) for k in LIST_KINDS]
    context = _list_context(request, kinds=kinds, kind=kind, tag=tag)
    context.update(tag=tag, heading=tag.name, kind=kind, list_url=request.path)
    return _render_list(request, context)


def _home_sections(request: HttpRequest) -> dict[str, Any]:
    posts = visible_posts(request).published().select_related("author", "space")
    return {
        "hot_questions": posts.filter(kind=Kind.QUESTION).hot().prefetch_related("tags")[:10],
        "new_articles": posts.filter(kind__in=[Kind.ARTICLE, Kind.TUTORIAL]).newest()[:6],
        "discussions": posts.filter(kind=Kind.DISCUSSION).active()[:6],
        "spaces": Space.objects.by_activity()[:12],
    }


@cache_anonymous
def home(request: HttpRequest) -> HttpResponse:
    """Hot questions, new articles and tutorials, active discussions and spaces."""

    shared = cached_partials(
        request,
        "posts/home.html",
        ["sections"],
        parts=tuple(list_signature(request)),
        context=partial(_home_sections, request),
    )
    sections_html = shared["sections"]
    return render(request, "posts/home.html", {"sections_html": sections_html})


@login_required
def saved(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's bookmarks, newest first (keyset on the bookmark id)."""
    queryset = (
        visible_posts(request)
        .filter(bookmarks__user=request.user)
        .select_related("author", "space", "parent")
        .prefetch_related("tags")
        .order_by("-bookmarks__pk")
    )
    posts: list[Post] = list(queryset[:200])
    annotate_viewer_state(posts, request.user)
    return render(request, "posts/saved.html", {"posts": posts})
