"""Checking and storing files sent with private messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from deepcommons.core.images import process_image
from deepcommons.social.models import Message, MessageAttachment

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
# Documents people share about models: papers, notebooks, configs, logs, code.
TEXT_SUFFIXES = {".txt", ".md", ".py", ".ipynb", ".json", ".yaml", ".yml", ".csv", ".log", ".toml"}
DOCUMENT_SUFFIXES = {".pdf", *TEXT_SUFFIXES}


@dataclass(frozen=True)
class CheckedFile:
    content: File
    filename: str
    content_type: str
    size: int
    is_image: bool


def _clean_name(name: str) -> str:
    name = Path(name.replace("\\\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip(". ")
    return name[:150] or "file"


def check_attachments(uploads: Sequence[UploadedFile]) -> list[CheckedFile]:
    """Validate uploads; images are re-encoded (no EXIF, no hidden payload).

    Raises ValidationError naming the file and the rule it breaks.
    """
    if len(uploads) > MessageAttachment.MAX_PER_MESSAGE:
        raise ValidationError(
            _("Attach at most %(n)d files to one message.")
            % {"n": MessageAttachment.MAX_PER_MESSAGE}
        )
    checked: list[CheckedFile] = []
    for upload in uploads:
        name = _clean_name(upload.name or "")
        suffix = Path(name).suffix.lower()
        size = upload.size or 0
        if size > MessageAttachment.MAX_BYTES:
            raise ValidationError(
                _("%(name)s is larger than %(mb)d MB.")
                % {"name": name, "mb": MessageAttachment.MAX_BYTES // (1024 * 1024)}
            )
        if suffix in IMAGE_SUFFIXES:
            image = process_image(upload, max_bytes=MessageAttachment.MAX_BYTES, max_pixels=8192)
            checked.append(
                CheckedFile(
                    image.content, f"{Path(name).stem}.webp", "image/webp", len(image.content), True
                )
            )
            continue
        if suffix not in DOCUMENT_SUFFIXES:
            raise ValidationError(
                _("%(name)s: send images, PDF or text files (%(types)s).")
                % {"name": name, "types": ", ".join(sorted(DOCUMENT_SUFFIXES | IMAGE_SUFFIXES))}
            )
        upload.seek(0)
        data = upload.read()
        if suffix == ".pdf":
            if not data.startswith(b"%PDF-"):
                raise ValidationError(_("%(name)s is not a PDF file.") % {"name": name})
            content_type = "application/pdf"
        else:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                raise ValidationError(
                    _("%(name)s is not a UTF-8 text file.") % {"name": name}
                ) from None
            content_type = "text/plain; charset=utf-8"
        checked.append(CheckedFile(ContentFile(data), name, content_type, len(data), False))
    return checked


def store_attachments(*, message: Message, files: Sequence[CheckedFile]) -> None:
    for item in files:
        attachment = MessageAttachment(
            message=message,
            filename=item.filename,
            content_type=item.content_type,
            size=item.size,
            is_image=item.is_image,
        )
        attachment.file.save(item.filename, item.content, save=False)
        attachment.save()
