"""Helpers shared by the post views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from deepcommons.core.htmx import is_htmx
from deepcommons.posts.models import Comment, Post
from deepcommons.posts.viewcounts import record_view, viewer_key
from deepcommons.spaces.moderation import request_powers


def is_moderator(request: HttpRequest) -> bool:
    """Whether the viewer moderates the whole site, asked once per request."""
    return request_powers(request).site


def moderates(request: HttpRequest, post: Post) -> bool:
    """Whether the viewer moderates `post`: the site, or its thread's space.

    No query per post: the powers come once per request, and the space of an
    answer's or reply's thread is looked up once per thread (none when
    `get_post_or_404` loaded the thread).
    """
    powers = request_powers(request)
    if powers.site or not powers.space_ids:
        return powers.site
    return powers.covers(_thread_space_id(request, post))


def _thread_space_id(request: HttpRequest, post: Post) -> int | None:
    if post.parent_id is None:
        return post.space_id
    known: dict[int, int | None] = request.__dict__.setdefault("_dc_thread_spaces", {})
    if post.parent_id not in known:
        if Post.parent.is_cached(post):  # type: ignore[attr-defined]
            known[post.parent_id] = post.thread_space_id
        else:
            known[post.parent_id] = (
                Post.objects.filter(pk=post.parent_id).values_list("space_id", flat=True).first()
            )
    return known[post.parent_id]


def viewer_privileges(request: HttpRequest) -> frozenset[str]:
    """The reputation privileges the viewer holds, without a query: the
    site-moderator answer (which grants them all) comes from the request's
    powers, asked once anyway."""
    user = request.user
    if not user.is_authenticated:
        return frozenset()
    # request.user is a lazy proxy: seed the real object's cache.
    real = getattr(user, "_wrapped", user)
    real.__dict__.setdefault("_moderator", request_powers(request).site)
    return frozenset(p.name for p in real.held_privileges())


def visible_posts(request: HttpRequest) -> Any:
    powers = request_powers(request)
    return Post.objects.visible_to(
        request.user, is_moderator=powers.site, space_ids=powers.space_ids
    )


def comments_prefetch(request: HttpRequest) -> Prefetch:
    powers = request_powers(request)
    comments = Comment.objects.visible_to(
        request.user, is_moderator=powers.site, space_ids=powers.space_ids
    )
    return Prefetch("comments", queryset=comments.select_related("author"))


def get_post_or_404(request: HttpRequest, post_id: int, *kinds: str) -> Post:
    """The post, if it is of one of `kinds` and `request.user` may see it."""
    queryset = Post.objects.select_related("author", "space", "parent")
    post = _visible_or_404(request, get_object_or_404(queryset, pk=post_id, kind__in=kinds))
    if post.parent is not None:
        _visible_or_404(request, post.parent)
    return post


def _visible_or_404(request: HttpRequest, post: Post) -> Post:
    if post.parent_id is None:
        # Its answers and replies are looked after by this space's moderators.
        request.__dict__.setdefault("_dc_thread_spaces", {})[post.pk] = post.space_id
    if not post.is_visible_to(request.user, is_moderator=moderates(request, post)):
        raise Http404
    return post


def get_thread_or_404(
    request: HttpRequest, post_id: int, *kinds: str, related: tuple[str, ...] = ("author", "space")
) -> Post:
    """The top-level post of a thread page, without the columns its cached HTML holds.

    The body is rendered into the page's shared fragments, so a cache hit
    never reads it: leaving it (and the parent join a top-level post does
    not need) out of the query roughly halves its cost. A miss reads the
    body with one more query. `related`: the relations the page's live
    (uncached) part shows.
    """
    queryset = Post.objects.select_related(*related).defer("body", "body_html")
    return _visible_or_404(
        request, get_object_or_404(queryset, pk=post_id, kind__in=kinds, parent__isnull=True)
    )


def counts_views(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Count a view of `post_id` for each successful full-page GET (cached or not)."""

    @wraps(view)
    def wrapper(request: HttpRequest, post_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, post_id, *args, **kwargs)
        if response.status_code == 200 and request.method == "GET" and not is_htmx(request):
            record_view(post_id=post_id, viewer=viewer_key(request))
        return response

    return wrapper
