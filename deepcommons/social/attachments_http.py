"""The HTTP answer for a private attachment (pages and API share it)."""

from __future__ import annotations

from django.http import FileResponse

from deepcommons.social.models import MessageAttachment


def attachment_response(attachment: MessageAttachment) -> FileResponse:
    """Images inline, everything else as a download; never sniffed, never cached publicly."""
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not attachment.is_image,
        filename=attachment.filename,
        content_type="image/webp" if attachment.is_image else "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
