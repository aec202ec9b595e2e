from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from deepcommons.accounts.models import User


def _image(fmt: str = "JPEG", size: tuple[int, int] = (800, 600), exif: bool = False) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x8825] = {2: (48.0, 51.0, 29.0)}  # GPS
        img.save(out, format=fmt, exif=data)
    else:
        img.save(out, format=fmt)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _upload(client: Client, content: bytes, name: str = "me.jpg", ctype: str = "image/jpeg"):
    return client.post(
        "/settings/avatar/", {"avatar": SimpleUploadedFile(name, content, content_type=ctype)}
    )


@pytest.mark.django_db
def test_avatar_is_reencoded_to_small_webp_without_exif(alice_client: Client, alice: User) -> None:
    response = _upload(alice_client, _image(exif=True))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.avatar.name.endswith(".webp")
    with Image.open(alice.avatar.path) as stored:
        assert stored.format == "WEBP"
        assert stored.size == (256, 256)
        assert not stored.getexif()
    assert b"SecretCam" not in Path(alice.avatar.path).read_bytes()
    served = alice_client.get(alice.avatar.url)
    assert served.status_code == 200


@pytest.mark.django_db
def test_replacing_an_avatar_removes_the_old_file(alice_client: Client, alice: User) -> None:
    _upload(alice_client, _image())
    alice.refresh_from_db()
    old = alice.avatar.path
    _upload(alice_client, _image("PNG"), "me.png", "image/png")
    alice.refresh_from_db()
    assert alice.avatar.path != old
    import os

    assert not os.path.exists(old)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x00" * (20 * 1024 * 1024), "huge.jpg", "larger than 5 MB"),
        (b"MZ\x90\x00 this is not an image", "evil.jpg", "Upload a valid image"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            "x.svg",
            "Upload a valid image",
        ),
        (_image(size=(5000, 10)), "wide.jpg", "4096"),
    ],
)
@pytest.mark.django_db
def test_bad_avatars_are_refused_with_a_message(
    alice_client: Client, alice: User, content: bytes, name: str, message: str
) -> None:
    response = _upload(alice_client, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    alice.refresh_from_db()
    assert not alice.avatar


@pytest.mark.django_db
def test_avatar_can_be_removed(alice_client: Client, alice: User) -> None:
    _upload(alice_client, _image())
    alice_client.post("/settings/avatar/", {"remove": "1"})
    alice.refresh_from_db()
    assert not alice.avatar


@pytest.mark.django_db
def test_anonymous_cannot_upload(client: Client) -> None:
    response = _upload(client, _image())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
