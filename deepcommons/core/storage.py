"""Private files: stored under PRIVATE_MEDIA_ROOT, never served by /media/.

Message attachments, competition data and submissions, and CVs use
`private_storage` and are served only by views that check who asks. The
location is read from settings at each use, not when the model is loaded,
so a test that points PRIVATE_MEDIA_ROOT elsewhere really writes there.
A file's `url` is under MEDIA_URL, where nothing is served (`core.views.serve_media`
reads MEDIA_ROOT only), so a link to it from the admin leads nowhere.
`private_storage` is a callable so that migrations record its name, not a path.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return str(Path(self.base_location).resolve())


def private_storage() -> FileSystemStorage:
    return PrivateStorage()
