"""Refusing an oversized upload before it is read (competition CSVs, CVs, notebooks).

Two guards: the declared CONTENT_LENGTH is checked before the body is
touched, and `LimitedUploadHandler` counts the bytes of each file as the
multipart parser streams them and stops at the limit (a client may send a
small or no length and stream more). Either answers HTTP 413. The view must
install the handler before anything reads `request.POST`, so it is
`csrf_exempt` outside and checks CSRF itself inside (Django's documented
pattern for per-view upload handlers).
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

# Room for the form's other fields and the multipart boundaries.
OVERHEAD_BYTES = 64 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """Counts each file's bytes; past `limit` it stops the upload and says so."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.exceeded = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def declared_too_large(request: HttpRequest, limit: int) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > limit + OVERHEAD_BYTES


def install_limit(request: HttpRequest, limit: int) -> LimitedUploadHandler:
    """Put the counting handler first; the default ones still store the file.

    When something has already parsed the body, the handler cannot be
    installed; it is returned unattached and `exceeded` checks the stored
    files instead.
    """
    handler = LimitedUploadHandler(request, limit)
    if "_files" not in request.__dict__:
        request.upload_handlers.insert(0, handler)
    return handler


def exceeded(request: HttpRequest, handler: LimitedUploadHandler) -> bool:
    """True when the upload went past the limit (streamed, or already parsed)."""
    if handler.exceeded:
        return True
    return any((f.size or 0) > handler.limit for f in request.FILES.values() if hasattr(f, "size"))
