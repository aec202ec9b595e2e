"""Directory pages: all spaces and all tags. Each one's post list lives in posts."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from deepcommons.spaces.models import Space, Tag

TAGS_PER_PAGE = 60


def space_list(request: HttpRequest) -> HttpResponse:
    spaces = Space.objects.by_activity()
    return render(request, "spaces/space_list.html", {"spaces": spaces})


def tag_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip().lower()[:35]
    tags = Tag.objects.popular().prefetch_related("synonyms")
    if query:
        tags = tags.filter(name__contains=query)
    page = Paginator(tags, TAGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "spaces/tag_list.html", {"page": page, "query": query})
