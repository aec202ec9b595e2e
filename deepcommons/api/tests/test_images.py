"""POST /api/v1/images: the editors' upload, for API clients."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.services import create_api_token
from deepcommons.posts.models import PostImage
from deepcommons.posts.tests.image_files import image_bytes, upload

URL = "/api/v1/images"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _bearer(user: User) -> dict[str, str]:
    _token, key = create_api_token(user=user, name="test")
    return {"authorization": f"Bearer {key}"}


def test_anonymous_callers_get_401(client: Client, db: None) -> None:
    response = client.post(URL, {"image": upload(image_bytes())})
    assert response.status_code == 401
    assert "message" in response.json()
    assert not PostImage.objects.exists()


def test_token_holder_uploads_and_gets_markdown(client: Client, alice: User) -> None:
    response = client.post(
        URL, {"image": upload(image_bytes("JPEG"), "plot.jpg")}, headers=_bearer(alice)
    )
    assert response.status_code == 201, response.content
    image = PostImage.objects.get()
    assert image.uploader == alice
    assert response.json() == {
        "id": image.pk,
        "url": image.url,
        "markdown": f"![plot]({image.url})",
        "width": 64,
        "height": 48,
        "bytes": image.bytes,
    }
    assert image.file.name.endswith(".webp")


def test_the_markdown_can_be_posted_in_a_question(client: Client, alice: User) -> None:
    headers = _bearer(alice)
    markdown = client.post(URL, {"image": upload(image_bytes())}, headers=headers).json()[
        "markdown"
    ]
    response = client.post(
        "/api/v1/questions",
        {"title": "Why does my loss look like this?", "body": markdown, "tags": "pytorch"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    assert '<img src="/media/post-images/' in response.json()["body_html"]


def test_a_bad_file_is_a_400_with_the_message(client: Client, alice: User) -> None:
    response = client.post(URL, {"image": upload(b"GIF89a but not really")}, headers=_bearer(alice))
    assert response.status_code == 400
    assert response.json()["message"] == (
        "This file is not an image. Upload a JPEG, PNG, GIF or WebP image."
    )


def test_a_missing_file_is_refused(client: Client, alice: User) -> None:
    response = client.post(URL, {}, headers=_bearer(alice))
    assert response.status_code == 422
    assert "message" in response.json()


def test_past_the_rate_it_answers_429(client: Client, alice: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.POST_IMAGE_UPLOAD_RATE = "1/h"
    headers = _bearer(alice)
    assert client.post(URL, {"image": upload(image_bytes())}, headers=headers).status_code == 201
    response = client.post(URL, {"image": upload(image_bytes())}, headers=headers)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Try again later" in response.json()["message"]
