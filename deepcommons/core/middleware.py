"""Request guards that apply to every view."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

#: Multipart bodies up to this size are parsed and checked for NUL bytes.
SMALL_MULTIPART_BYTES = 256 * 1024


def _large_upload(request: HttpRequest) -> bool:
    if not (request.content_type or "").startswith("multipart/"):
        return False
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > SMALL_MULTIPART_BYTES
    except ValueError:
        return True


class RejectNullBytesMiddleware:
    """Answer 400 to a request whose path or parameters contain a NUL character.

    No form field wants one (Django's fields refuse them), and PostgreSQL
    cannot store or even compare them: a lookup with one would be a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path:
            return True
        # A large multipart body is left for the view to read: parsing it here
        # would read a whole upload before a view can refuse it as too large
        # (413). Small ones (every form without a file) are checked here.
        parse = request.method == "POST" and not _large_upload(request)
        for query in (request.GET, request.POST if parse else None):
            if query is None:
                continue
            for key, values in query.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return True
        return False
