"""The results page and the htmx partials for similar and related questions."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from deepcommons.core.htmx import is_htmx
from deepcommons.posts.models import Kind, Post
from deepcommons.search.backends.base import SORTS
from deepcommons.search.query import QUERY_MAX
from deepcommons.search.results import SIMILAR_LIMIT, clamp_page, search_posts
from deepcommons.search.semantic import related_questions, similar_questions


@require_GET
def search_results(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:QUERY_MAX]
    sort = request.GET.get("sort", "relevance")
    results = search_posts(q=q, sort=sort, page=clamp_page(request.GET.get("page")))
    template = "search/search_results.html"
    if is_htmx(request):
        template += "#results"
    return render(request, template, {"results": results, "q": q, "sorts": SORTS})


@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    """Questions like the title being typed (htmx, on the ask form)."""
    title = request.GET.get("title", "")[:QUERY_MAX]
    questions = similar_questions(title=title, limit=SIMILAR_LIMIT)
    return render(request, "search/_similar.html", {"questions": questions, "title": title})


@require_GET
def related(request: HttpRequest, post_id: int) -> HttpResponse:
    """The "Related" box of a question page, loaded by htmx after the page."""
    post = (
        Post.objects.visible_to(request.user)
        .filter(pk=post_id, kind__in=[Kind.QUESTION, Kind.DISCUSSION, Kind.ARTICLE, Kind.TUTORIAL])
        .first()
    )
    if post is None:
        raise Http404
    questions = related_questions(post=post)
    return render(request, "search/_related_list.html", {"questions": questions, "post": post})
