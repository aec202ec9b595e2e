"""The editors' upload endpoint, POST /editor/images/ (JSON)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts.models import PostImage
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.posts.tests.image_files import image_bytes, upload

URL = "/editor/images/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def test_anonymous_visitors_get_a_json_401(client: Client, db: None) -> None:
    response = client.post(URL, {"image": upload(image_bytes())})
    assert response.status_code == 401
    assert response.json()["message"] == "Sign in to upload images."
    assert not PostImage.objects.exists()


def test_member_gets_the_url_and_markdown(alice_client: Client, alice: User) -> None:
    response = alice_client.post(URL, {"image": upload(image_bytes(), "Loss curve.png")})
    assert response.status_code == 200
    body = response.json()
    image = PostImage.objects.get()
    assert image.uploader == alice
    assert body == {
        "url": image.url,
        "markdown": f"![Loss curve]({image.url})",
        "width": 64,
        "height": 48,
    }
    served = alice_client.get(image.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert "sandbox" in served["Content-Security-Policy"]


def test_another_member_can_see_the_image(
    alice_client: Client, bob_client: Client, client: Client
) -> None:
    url = alice_client.post(URL, {"image": upload(image_bytes())}).json()["url"]
    assert bob_client.get(url).status_code == 200
    assert client.get(url).status_code == 200


def test_a_file_that_is_not_an_image_is_a_json_400(alice_client: Client) -> None:
    response = alice_client.post(URL, {"image": upload(b"MZ\x90\x00 not an image", "cat.png")})
    assert response.status_code == 400
    assert response.json() == {
        "message": "This file is not an image. Upload a JPEG, PNG, GIF or WebP image."
    }


def test_a_missing_file_is_a_json_400(alice_client: Client) -> None:
    response = alice_client.post(URL, {})
    assert response.status_code == 400
    assert response.json()["message"] == "Choose an image to upload."


def test_get_is_not_allowed(alice_client: Client) -> None:
    assert alice_client.get(URL).status_code == 405


def test_csrf_token_is_required(alice: User) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    response = strict.post(URL, {"image": upload(image_bytes())})
    assert response.status_code == 403
    assert not PostImage.objects.exists()


def test_rate_limit_is_a_json_429(alice_client: Client, bob_client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.POST_IMAGE_UPLOAD_RATE = "1/m"
    assert alice_client.post(URL, {"image": upload(image_bytes())}).status_code == 200
    response = alice_client.post(URL, {"image": upload(image_bytes())})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Try again later" in response.json()["message"]
    assert bob_client.post(URL, {"image": upload(image_bytes())}).status_code == 200


@pytest.mark.parametrize(
    "path", ["/questions/ask/", "/articles/new/", "/tutorials/new/", "/discussions/new/"]
)
def test_every_editor_has_the_image_tools(alice_client: Client, path: str) -> None:
    html = alice_client.get(path).content.decode()
    assert 'data-upload-url="/editor/images/"' in html
    assert "posts/js/image-upload" in html
    assert "Insert image" in html


def test_answer_form_and_edit_pages_have_the_image_tools(alice_client: Client, alice: User) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=alice)
    pages = [
        question.get_absolute_url(),
        f"/posts/{question.pk}/edit/",
        f"/posts/{answer.pk}/edit/",
    ]
    for path in pages:
        html = alice_client.get(path).content.decode()
        assert 'data-upload-url="/editor/images/"' in html, path
        assert "posts/js/image-upload" in html, path
