"""Uploading an image to use in a post's Markdown."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS, ErrorOut
from deepcommons.posts import services

router = Router(tags=["content"])


class ImageOut(Schema):
    id: int
    url: str
    markdown: str
    width: int
    height: int
    bytes: int


@router.post("/images", response={201: ImageOut, 429: ErrorOut, **ERRORS})
def upload_image(request: HttpRequest, response: HttpResponse, image: File[UploadedFile]) -> Status:
    """Upload a JPEG, PNG, GIF or WebP image (multipart field `image`).

    It is re-encoded without metadata (PNG stays PNG, the others become
    WebP) and answered with the Markdown that shows it; put that in a post's
    `body`. 400 for a file that is not an acceptable image, 429 past the
    per-member upload rate.
    """
    user = common.signed_in_user(request)
    try:
        stored = common.call(services.upload_image, user=user, file=image)
    except services.ImageUploadThrottled as exc:
        response["Retry-After"] = str(exc.retry_after)
        return Status(429, {"message": exc.message})
    return Status(
        201,
        {
            "id": stored.pk,
            "url": stored.url,
            "markdown": services.image_markdown(image=stored, filename=image.name or ""),
            "width": stored.width,
            "height": stored.height,
            "bytes": stored.bytes,
        },
    )
