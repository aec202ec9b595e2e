"""Post lists (global, per kind, per space, per tag), the home page and saved posts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from deepcommons.core.htmx import is_htmx
from deepcommons.posts.models import Kind, Post, annotate_viewer_state
from deepcommons.posts.pagination import keyset_page
from deepcommons.posts.querysets import TOP_PERIODS
from deepcommons.posts.views.common import cache_anonymous, visible_posts
from deepcommons.spaces.models import Space, Tag, TagSynonym

PER_PAGE = 20
SORTS = ["hot", "latest", "active", "top", "unanswered"]
KIND_TITLES = {
    Kind.QUESTION: _("Questions"),
    Kind.ARTICLE: _("Articles"),
    Kind.TUTORIAL: _("Tutorials"),
    Kind.DISCUSSION: _("Discussions"),
}
LIST_KINDS = [Kind.QUESTION, Kind.ARTICLE, Kind.TUTORIAL, Kind.DISCUSSION]


def _list_context(
    request: HttpRequest, *, kinds: list[str], base_filter: dict[str, Any]
) -> dict[str, Any]:
    sort = request.GET.get("sort", "latest")
    if sort not in SORTS:
        sort = "latest"
    period = request.GET.get("period", "week")
    if period not in TOP_PERIODS:
        period = "week"
    queryset = visible_posts(request).published().filter(kind__in=kinds, **base_filter)
    if sort == "unanswered":
        queryset = queryset.unanswered()
    elif sort == "top":
        queryset = queryset.in_period(period)
    page = keyset_page(
        queryset.for_list(), sort=sort, cursor=request.GET.get("cursor", ""), per_page=PER_PAGE
    )
    annotate_viewer_state(page.items, request.user)
    return {
        "page": page,
        "posts": page.items,
        "sort": sort,
        "period": period,
        "sorts": SORTS,
        "periods": list(TOP_PERIODS),
    }


def _render_list(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    template = "posts/post_list.html"
    if is_htmx(request):
        template += "#list-page"
    return render(request, template, context)


@cache_anonymous
def post_list(request: HttpRequest, kind: str | None = None) -> HttpResponse:
    kinds: list[str] = [kind] if kind else [str(k) for k in LIST_KINDS]
    context = _list_context(request, kinds=kinds, base_filter={})
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
    context = _list_context(request, kinds=kinds, base_filter={"space": space})
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
    context = _list_context(request, kinds=kinds, base_filter={"tags": tag})
    context.update(tag=tag, heading=tag.name, kind=kind, list_url=request.path)
    return _render_list(request, context)


@cache_anonymous
def home(request: HttpRequest) -> HttpResponse:
    """Hot questions, new articles and tutorials, active discussions and spaces."""
    posts = visible_posts(request).published().select_related("author", "space")
    hot_questions = list(posts.filter(kind=Kind.QUESTION).hot().prefetch_related("tags")[:10])
    new_articles = list(posts.filter(kind__in=[Kind.ARTICLE, Kind.TUTORIAL]).newest()[:6])
    discussions = list(posts.filter(kind=Kind.DISCUSSION).active()[:6])
    spaces = list(Space.objects.by_activity()[:12])
    return render(
        request,
        "posts/home.html",
        {
            "hot_questions": hot_questions,
            "new_articles": new_articles,
            "discussions": discussions,
            "spaces": spaces,
        },
    )


@login_required
def saved(request: HttpRequest) -> HttpResponse:
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
