"""Files in private messages: checked on upload, readable by participants only."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.social.models import MessageAttachment
from deepcommons.social.tests.factories import conversation_between


@pytest.fixture(autouse=True)
def _private_root(settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    image = Image.new("RGB", (300, 200), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    image.save(out, format="PNG", exif=exif)
    return SimpleUploadedFile("plot.png", out.getvalue(), content_type="image/png")


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("paper.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")


def _send(
    client: Client, conversation_id: int, *files: SimpleUploadedFile, body: str = "See attached"
):
    return client.post(f"/messages/{conversation_id}/", {"body": body, "attachments": list(files)})


@pytest.mark.django_db
def test_participants_send_and_open_images_and_documents(
    alice: User, bob: User, alice_client: Client, bob_client: Client
) -> None:
    conversation = conversation_between(alice, bob)
    response = _send(alice_client, conversation.pk, _png(), _pdf())
    assert response.status_code == 302
    image, pdf = MessageAttachment.objects.order_by("pk")
    assert image.is_image and image.filename == "plot.webp" and image.content_type == "image/webp"
    assert pdf.filename == "paper.pdf" and not pdf.is_image
    page = bob_client.get(f"/messages/{conversation.pk}/").content.decode()
    assert image.get_absolute_url() in page and "paper.pdf" in page
    got = bob_client.get(image.get_absolute_url())
    assert got.status_code == 200
    assert got["Content-Type"] == "image/webp"
    body = b"".join(got.streaming_content)
    assert body.startswith(b"RIFF") and b"SecretCam" not in body
    doc = alice_client.get(pdf.get_absolute_url())
    assert doc.status_code == 200
    assert doc["Content-Type"] == "application/octet-stream"
    assert doc["Content-Disposition"].startswith("attachment")
    assert doc["X-Content-Type-Options"] == "nosniff"
    # Stored outside MEDIA_ROOT: the public media URL has nothing.
    assert Client().get(f"/media/{pdf.file.name}").status_code == 404


@pytest.mark.django_db
def test_outsiders_get_404_for_every_attachment_url(
    alice: User,
    bob: User,
    charlie: User,
    alice_client: Client,
    charlie_client: Client,
    client: Client,
) -> None:
    conversation = conversation_between(alice, bob)
    _send(alice_client, conversation.pk, _png(), _pdf())
    theirs = conversation_between(charlie, UserFactory())
    ids = list(MessageAttachment.objects.values_list("pk", flat=True))
    for attachment_id in [*ids, max(ids) + 1, 0]:
        for conversation_id in (conversation.pk, theirs.pk, conversation.pk + 100):
            url = f"/messages/{conversation_id}/files/{attachment_id}/"
            assert charlie_client.get(url).status_code == 404, url
            assert client.get(url).status_code in (302, 404)
            api = f"/api/v1/conversations/{conversation_id}/attachments/{attachment_id}"
            assert charlie_client.get(api).status_code == 404
            assert client.get(api).status_code in (401, 404)
    # Charlie's own conversation does not open Alice's files either.
    assert charlie_client.get(f"/messages/{theirs.pk}/files/{ids[0]}/").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "send images, PDF or text files"),
        ("page.html", b"<script>alert(1)</script>", "send images, PDF or text files"),
        ("fake.pdf", b"<html>not a pdf</html>", "is not a PDF file"),
        ("notes.txt", b"\xff\xfe\x00binary", "is not a UTF-8 text file"),
        ("huge.txt", b"a" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
        ("broken.png", b"not an image", "Upload a valid image"),
    ],
)
@pytest.mark.django_db
def test_bad_files_are_refused_and_the_text_is_kept(
    alice: User, bob: User, alice_client: Client, name: str, content: bytes, message: str
) -> None:
    conversation = conversation_between(alice, bob)
    response = _send(
        alice_client, conversation.pk, SimpleUploadedFile(name, content), body="Keep this text"
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Keep this text" in body
    assert not MessageAttachment.objects.exists()
    assert conversation.messages.count() == 1


@pytest.mark.django_db
def test_at_most_five_files(alice: User, bob: User, alice_client: Client) -> None:
    conversation = conversation_between(alice, bob)
    files = [SimpleUploadedFile(f"n{i}.txt", b"hi") for i in range(6)]
    response = _send(alice_client, conversation.pk, *files)
    assert response.status_code == 400
    assert "at most 5 files" in response.content.decode()


@pytest.mark.django_db
def test_api_lists_attachments_and_serves_them_to_participants(
    alice: User, bob: User, alice_client: Client, bob_client: Client
) -> None:
    conversation = conversation_between(alice, bob)
    _send(alice_client, conversation.pk, _pdf())
    messages = bob_client.get(f"/api/v1/conversations/{conversation.pk}/messages").json()
    files = messages["items"][0]["attachments"]
    assert [f["filename"] for f in files] == ["paper.pdf"]
    got = bob_client.get(files[0]["url"])
    assert got.status_code == 200
    assert b"".join(got.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_a_file_alone_is_a_message(alice: User, bob: User, alice_client: Client) -> None:
    conversation = conversation_between(alice, bob)
    assert _send(alice_client, conversation.pk, _pdf(), body="").status_code == 302
    assert MessageAttachment.objects.count() == 1
