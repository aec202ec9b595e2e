"""The NUL-byte guard: refuses NULs in the path, query and form posts, leaves uploads unread."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from deepcommons.core.middleware import RejectNullBytesMiddleware

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_form_post_is_a_400(client: Client) -> None:
    response = client.post("/search/", "q=a%00b", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_a_nul_in_the_query_is_a_400(client: Client) -> None:
    assert client.get("/search/", {"q": "a\x00b"}).status_code == 400


def test_a_nul_in_a_small_multipart_form_is_a_400(client: Client) -> None:
    assert client.post("/search/", {"q": "a\x00b"}).status_code == 400


def test_a_large_multipart_body_is_not_parsed_by_the_guard() -> None:
    request = RequestFactory().post("/upload/", {"file": "x" * 300_000, "note": "hi"})
    assert request.content_type.startswith("multipart/")
    assert RejectNullBytesMiddleware._has_nul(request) is False
    # The body was not read: a view can still stream it or refuse it by size.
    assert not hasattr(request, "_post")
