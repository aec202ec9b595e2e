"""posts.services.upload_image: what is accepted, what is stored, what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.export import export_posts
from deepcommons.posts.models import PostImage
from deepcommons.posts.services import render_body
from deepcommons.posts.tests.image_files import (
    SECRET,
    animated_gif,
    image_bytes,
    png_header,
    upload,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _stored(image: PostImage) -> Image.Image:
    with default_storage.open(image.file.name) as handle:
        img = Image.open(handle)
        img.load()
    return img


def test_png_stays_png_without_its_metadata(alice: User) -> None:
    image = services.upload_image(user=alice, file=upload(image_bytes("PNG", metadata=True)))
    assert image.file.name.startswith("post-images/")
    assert image.file.name.endswith(".png")
    assert (image.uploader, image.width, image.height) == (alice, 64, 48)
    stored = _stored(image)
    assert stored.format == "PNG"
    assert not stored.getexif()
    assert "Comment" not in stored.info
    data = default_storage.open(image.file.name).read()
    assert SECRET.encode() not in data
    assert image.bytes == len(data)


def test_jpeg_becomes_webp_without_exif_or_gps(alice: User) -> None:
    data = image_bytes("JPEG", (120, 80), metadata=True)
    assert SECRET.encode() in data
    image = services.upload_image(user=alice, file=upload(data, "holiday.jpg", "image/jpeg"))
    assert image.file.name.endswith(".webp")
    stored = _stored(image)
    assert stored.format == "WEBP"
    assert stored.size == (120, 80)
    assert not stored.getexif()
    assert SECRET.encode() not in default_storage.open(image.file.name).read()


def test_transparent_png_keeps_its_alpha(alice: User) -> None:
    image = services.upload_image(user=alice, file=upload(image_bytes("PNG", mode="RGBA")))
    assert _stored(image).mode == "RGBA"


def test_animated_gif_keeps_only_its_first_frame(alice: User) -> None:
    image = services.upload_image(user=alice, file=upload(animated_gif(), "loop.gif", "image/gif"))
    stored = _stored(image)
    assert stored.format == "WEBP"
    assert getattr(stored, "n_frames", 1) == 1


def test_the_bytes_decide_not_the_name_or_content_type(alice: User) -> None:
    image = services.upload_image(
        user=alice, file=upload(image_bytes("JPEG"), "notes.txt", "text/plain")
    )
    assert _stored(image).format == "WEBP"
    with pytest.raises(ValidationError) as caught:
        services.upload_image(user=alice, file=upload(b"<svg onload=alert(1)>", "x.png"))
    assert caught.value.code == "invalid_image"


@pytest.mark.parametrize(
    "data",
    [b"", b"plain text, not an image", image_bytes("BMP"), image_bytes("PNG")[:40]],
    ids=["empty", "text", "bmp", "truncated"],
)
def test_non_images_are_refused(alice: User, data: bytes) -> None:
    with pytest.raises(ValidationError):
        services.upload_image(user=alice, file=upload(data))
    assert not PostImage.objects.exists()


def test_appended_payload_is_not_stored(alice: User) -> None:
    data = image_bytes("PNG") + b"<script>alert(1)</script>"
    image = services.upload_image(user=alice, file=upload(data))
    assert b"<script>" not in default_storage.open(image.file.name).read()


def test_too_large_file_is_refused(alice: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.POST_IMAGE_MAX_BYTES = 1024 * 1024
    data = image_bytes("PNG") + b"\0" * (1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        services.upload_image(user=alice, file=upload(data))
    assert caught.value.code == "image_too_large"
    assert "1 MB" in caught.value.messages[0]


@pytest.mark.parametrize("size", [(8000, 6000), (60_000, 60_000)], ids=["over-limit", "bomb"])
def test_decompression_bombs_are_refused(alice: User, size: tuple[int, int]) -> None:
    with pytest.raises(ValidationError) as caught:
        services.upload_image(user=alice, file=upload(png_header(*size)))
    assert caught.value.code == "image_too_many_pixels"
    assert not PostImage.objects.exists()


def test_uploads_are_limited_per_member(alice: User, bob: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.POST_IMAGE_UPLOAD_RATE = "2/h"
    for _ in range(2):
        services.upload_image(user=alice, file=upload(image_bytes()))
    with pytest.raises(services.ImageUploadThrottled) as caught:
        services.upload_image(user=alice, file=upload(image_bytes()))
    assert caught.value.retry_after == 3600
    services.upload_image(user=bob, file=upload(image_bytes()))
    assert PostImage.objects.filter(uploader=alice).count() == 2


def test_inactive_members_cannot_upload(alice: User) -> None:
    alice.is_active = False
    with pytest.raises(PermissionDenied):
        services.upload_image(user=alice, file=upload(image_bytes()))


def test_names_are_random(alice: User) -> None:
    names = {services.upload_image(user=alice, file=upload(image_bytes())).file.name for _ in "ab"}
    assert len(names) == 2
    assert all(len(Path(name).stem) >= 20 for name in names)


def test_markdown_shows_the_image_in_a_post(alice: User) -> None:
    image = services.upload_image(user=alice, file=upload(image_bytes()))
    markdown = services.image_markdown(image=image, filename="Loss curve [v2].png")
    assert markdown == f"![Loss curve v2]({image.url})"
    assert image.url.startswith("/media/post-images/")
    assert f'<img src="{image.url}" alt="Loss curve v2"' in render_body(markdown)
    assert services.image_markdown(image=image, filename="image.png") == f"![image]({image.url})"


def test_a_members_images_are_in_their_data_export(alice: User, bob: User) -> None:
    image = services.upload_image(user=alice, file=upload(image_bytes()))
    assert [i["url"] for i in export_posts(alice)["images"]] == [image.url]
    assert export_posts(bob)["images"] == []
