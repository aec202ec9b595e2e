"""Articles, tutorials (with ordered parts) and series."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.pagecache import cache_anonymous, cached_partials
from deepcommons.posts import services
from deepcommons.posts.forms import (
    ArticleForm,
    CommentForm,
    DiscussionForm,
    SeriesForm,
    TutorialForm,
    add_service_errors,
)
from deepcommons.posts.models import Draft, Kind, Post, Series
from deepcommons.posts.pagecache import ThreadViewer, thread_viewer
from deepcommons.posts.views.common import (
    comments_prefetch,
    counts_views,
    get_thread_or_404,
    moderates,
    viewer_privileges,
    visible_posts,
)

TEMPLATE = "posts/article_detail.html"


def create_view(
    request: AuthenticatedHttpRequest, kind: str, form_class: type[Form]
) -> HttpResponse:
    """The shared "write a new …" page for articles, tutorials and discussions."""
    user = request.user
    extra: dict[str, Any] = {"author": user} if issubclass(form_class, ArticleForm) else {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **extra)
        if form.is_valid():
            try:
                post = services.create_post(author=user, kind=kind, data=form.to_input())  # type: ignore[attr-defined]
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("You cannot post now."))
            else:
                services.discard_draft(user=user, key=kind)
                messages.success(
                    request, _("Published.") if not post.is_draft else _("Saved as a draft.")
                )
                return redirect(post)
    else:
        initial: dict[str, Any] = {
            "space": request.GET.get("space"),
            "series": request.GET.get("series"),
        }
        draft = Draft.objects.filter(user=user, key=kind).first()
        if draft:
            initial.update(title=draft.title, body=draft.body)
        form = form_class(initial=initial, **extra)
    return render(
        request,
        "posts/post_form.html",
        {"form": form, "kind": kind, "draft_key": kind},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def article_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return create_view(request, Kind.ARTICLE, ArticleForm)


@login_required
@require_http_methods(["GET", "POST"])
def tutorial_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return create_view(request, Kind.TUTORIAL, TutorialForm)


@login_required
@require_http_methods(["GET", "POST"])
def discussion_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return create_view(request, Kind.DISCUSSION, DiscussionForm)


def _series_parts(request: HttpRequest, post: Post) -> list[Post]:
    if post.series_id is None:
        return []
    return list(
        visible_posts(request)
        .published()
        .filter(series_id=post.series_id)
        .only("pk", "title", "kind", "series_position", "status", "deleted_at", "author_id")
        .order_by("series_position", "created_at", "pk")
    )


def _article_context(request: HttpRequest, post: Post, viewer: ThreadViewer) -> dict[str, Any]:
    """What the body, series navigation and comments render from (queries run here)."""
    prefetch_related_objects([post], "tags", comments_prefetch(request))
    viewer.annotate([post])
    parts = _series_parts(request, post)
    index = next((i for i, p in enumerate(parts) if p.pk == post.pk), None)
    return {
        "post": post,
        "parts": parts,
        "previous_part": parts[index - 1] if index else None,
        "next_part": parts[index + 1] if index is not None and index + 1 < len(parts) else None,
        "comment_form": CommentForm(),
    }


def _article_page(request: HttpRequest, post_id: int, kind: str) -> HttpResponse:
    post = get_thread_or_404(request, post_id, kind)
    viewer = thread_viewer(
        request.user,
        post.pk,
        moderator=moderates(request, post),
        privileges=viewer_privileges(request),
    )
    shared = cached_partials(
        request,
        TEMPLATE,
        ["article-main"],
        parts=viewer.parts(),
        context=partial(_article_context, request, post, viewer),
    )
    series = Series.objects.filter(pk=post.series_id).first() if post.series_id else None
    return render(
        request,
        TEMPLATE,
        {"post": post, "series": series, "article_html": shared["article-main"]},
    )


@counts_views
@cache_anonymous
def article_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    return _article_page(request, post_id, Kind.ARTICLE)


@counts_views
@cache_anonymous
def tutorial_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    return _article_page(request, post_id, Kind.TUTORIAL)


def series_detail(request: HttpRequest, series_id: int) -> HttpResponse:
    series = get_object_or_404(Series.objects.select_related("author"), pk=series_id)
    parts = list(
        visible_posts(request)
        .published()
        .filter(series=series)
        .select_related("author")
        .order_by("series_position", "created_at", "pk")
    )
    return render(request, "posts/series_detail.html", {"series": series, "parts": parts})


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.create_series(
                author=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Series created. Add articles or tutorial parts to it."))
            return redirect(series)
    return render(
        request, "posts/series_form.html", {"form": form}, status=400 if form.errors else 200
    )
