"""Refusing an oversize notebook upload before its body is read.

Django's CSRF check reads `request.POST`, which parses (and spools to
disk) a whole multipart body. So the attach view is `csrf_exempt` outside:
it answers 413 from the declared CONTENT_LENGTH first, puts
`LimitedUploadHandler` in front of the default handlers (it stops a body
that streams past the limit whatever length it declared), and only then
runs the CSRF check (`csrf_protect` on the inner view), Django's
documented pattern for per-view upload handlers.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

# Room for the form's other fields and the multipart boundaries.
ENVELOPE_BYTES = 64 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """Counts each file's bytes; past `limit` it stops the upload."""

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
    return length > limit + ENVELOPE_BYTES
