"""Image bytes for the upload tests: real files, files with metadata, and fakes."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

SECRET = "SecretCam"


def image_bytes(
    fmt: str = "PNG",
    size: tuple[int, int] = (64, 48),
    *,
    mode: str = "RGB",
    metadata: bool = False,
) -> bytes:
    """A small image; with `metadata`, EXIF (camera make, GPS) and a PNG text chunk."""
    img = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128))
    out = io.BytesIO()
    options: dict[str, object] = {}
    if metadata:
        exif = Image.Exif()
        exif[0x010F] = SECRET  # Make
        exif[0x8825] = {2: (48.0, 51.0, 29.0)}  # GPSLatitude
        options["exif"] = exif
        if fmt == "PNG":
            info = PngImagePlugin.PngInfo()
            info.add_text("Comment", SECRET)
            options["pnginfo"] = info
    img.save(out, format=fmt, **options)
    return out.getvalue()


def animated_gif() -> bytes:
    frames = [Image.new("P", (20, 20), colour) for colour in (1, 2, 3)]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=100)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG that claims `width` × `height` pixels: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def upload(
    data: bytes, name: str = "diagram.png", content_type: str = "image/png"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
