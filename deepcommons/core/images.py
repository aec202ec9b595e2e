"""Validation and re-encoding of uploaded images (avatars, post images)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


@dataclass(frozen=True)
class ProcessedImage:
    content: ContentFile
    width: int
    height: int


def process_image(
    upload: UploadedFile,
    *,
    max_bytes: int,
    max_pixels: int,
    square: int | None = None,
    max_side: int = 2048,
) -> ProcessedImage:
    """Check that `upload` is a real image within limits and re-encode it to WebP.

    Re-encoding drops EXIF and any payload hidden in the file. `square` crops
    to a centred square of that many pixels; otherwise the image is scaled so
    its longer side is at most `max_side` pixels.
    """
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("The image is larger than %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="image_too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Upload a valid image (JPEG, PNG, GIF or WebP)."), code="invalid_image"
        ) from None
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Upload a valid image (JPEG, PNG, GIF or WebP)."), code="invalid_image"
        )
    if width > max_pixels or height > max_pixels:
        raise ValidationError(
            _("The image is larger than %(px)d × %(px)d pixels.") % {"px": max_pixels},
            code="image_too_many_pixels",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as opened:
            opened.load()
            img: Image.Image = ImageOps.exif_transpose(opened)
            img = img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB")
            if square:
                img = ImageOps.fit(img, (square, square), Image.Resampling.LANCZOS)
            else:
                img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            img.save(out, format="WEBP", quality=85, method=4)
            size = img.size
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Upload a valid image (JPEG, PNG, GIF or WebP)."), code="invalid_image"
        ) from None
    return ProcessedImage(ContentFile(out.getvalue(), name="image.webp"), size[0], size[1])
