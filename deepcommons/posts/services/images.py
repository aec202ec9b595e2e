"""Images uploaded from the post editors.

The bytes decide what a file is (Pillow reads them); the name and the
content type the browser sent are ignored. Every image is decoded and
encoded again, which drops EXIF (GPS, camera), comments, colour profiles and
anything appended to the file: PNG stays PNG (screenshots keep sharp text),
JPEG, GIF and WebP become WebP. Of an animated GIF or WebP only the first
frame is kept, as for avatars.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from deepcommons.accounts.models import User
from deepcommons.core import ratelimit
from deepcommons.posts.models import PostImage

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# Modes a PNG is written in as they are; anything else becomes RGB(A).
PNG_MODES = {"1", "L", "LA", "RGB", "RGBA"}
RATE_SCOPE = "post-image"
ALT_MAX = 100


class ImageUploadThrottled(Exception):
    """The member has used up POST_IMAGE_UPLOAD_RATE; answered as a 429."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(_("You have uploaded many images recently. Try again later."))
        self.message = str(self.args[0])
        self.retry_after = retry_after  # seconds, at most one rate window


@dataclass(frozen=True)
class EncodedImage:
    data: bytes
    extension: str
    width: int
    height: int


def _invalid() -> ValidationError:
    return ValidationError(
        _("This file is not an image. Upload a JPEG, PNG, GIF or WebP image."),
        code="invalid_image",
    )


def _too_many_pixels(max_pixels: int) -> ValidationError:
    return ValidationError(
        _("The image has more than %(million)d million pixels. Make it smaller and try again.")
        % {"million": max_pixels // 1_000_000},
        code="image_too_many_pixels",
    )


def _probe(upload: UploadedFile, max_pixels: int) -> None:
    """Read the header only: refuse non-images and images too big to decode."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns before it refuses; a warning is already a bomb here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                fmt = probe.format
                width, height = probe.size
                if fmt in ALLOWED_FORMATS and width * height <= max_pixels:
                    probe.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(max_pixels) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _invalid() from None
    if fmt not in ALLOWED_FORMATS:
        raise _invalid()
    if width * height > max_pixels:
        raise _too_many_pixels(max_pixels)


def encode_image(upload: UploadedFile, *, max_bytes: int, max_pixels: int) -> EncodedImage:
    """Check `upload` and encode it again without metadata (see the module docstring)."""
    if not upload.size:
        raise _invalid()
    if upload.size > max_bytes:
        raise ValidationError(
            _("The image is larger than %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="image_too_large",
        )
    _probe(upload, max_pixels)
    upload.seek(0)
    try:
        with Image.open(upload) as opened:
            fmt = opened.format
            opened.seek(0)
            opened.load()
            # Turn phone photos upright before their orientation tag is dropped.
            img = ImageOps.exif_transpose(opened)
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        raise _invalid() from None
    transparent = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    if fmt == "PNG":
        if img.mode not in PNG_MODES or "transparency" in img.info:
            img = img.convert("RGBA" if transparent else "RGB")
        extension, options = "png", {"compress_level": 6}
    else:
        img = img.convert("RGBA" if transparent else "RGB")
        extension, options = "webp", {"quality": 85, "method": 4}
    # Nothing from the original file's info (EXIF, ICC, text chunks) is written.
    img.info = {}
    out = io.BytesIO()
    img.save(out, format=extension.upper(), **options)
    return EncodedImage(out.getvalue(), extension, img.width, img.height)


def upload_image(*, user: User, file: UploadedFile) -> PostImage:
    """Store an editor image for `user` through the default storage.

    Raises PermissionDenied for anyone who cannot post, ImageUploadThrottled
    past POST_IMAGE_UPLOAD_RATE (every attempt counts, since decoding is the
    cost), and ValidationError for a file that is not an acceptable image.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    rate = settings.POST_IMAGE_UPLOAD_RATE
    if ratelimit.is_limited(RATE_SCOPE, str(user.pk), rate):
        raise ImageUploadThrottled(ratelimit.parse_rate(rate)[1])
    ratelimit.record(RATE_SCOPE, str(user.pk), rate)
    encoded = encode_image(
        file,
        max_bytes=settings.POST_IMAGE_MAX_BYTES,
        max_pixels=settings.POST_IMAGE_MAX_PIXELS,
    )
    image = PostImage(
        uploader=user, width=encoded.width, height=encoded.height, bytes=len(encoded.data)
    )
    image.file.save(f"image.{encoded.extension}", ContentFile(encoded.data), save=False)
    try:
        image.save()
    except Exception:
        image.file.delete(save=False)
        raise
    return image


def image_markdown(*, image: PostImage, filename: str) -> str:
    """`![alt](url)`, the alt text taken from the uploaded file's name."""
    stem = PurePath(filename or "").stem
    alt = re.sub(r"[\[\]\\()<>*_`!\s]+", " ", stem).strip()[:ALT_MAX].strip()
    if not alt or alt.lower() == "image":
        alt = _("image")
    return f"![{alt}]({image.url})"
