"""An upload over the limit is answered 413 before the body is read or stored."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadhandler import StopUpload
from django.test import Client, RequestFactory

from deepcommons.accounts.models import User
from deepcommons.competitions.models import Submission
from deepcommons.competitions.services import join_competition
from deepcommons.competitions.tests.factories import SOLUTION, make_competition, table
from deepcommons.core.uploads import LimitedUploadHandler

pytestmark = pytest.mark.django_db


@pytest.fixture
def unparsed_bodies(settings: Any) -> None:
    """Leave out core's NUL-byte guard, which parses every POST body before
    the view runs (docs/competitions.md asks for it to skip multipart bodies):
    then nothing reads the upload before the view's checks."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RejectNullBytes" not in m]


def _file(text: str) -> io.BytesIO:
    data = io.BytesIO(text.encode())
    data.name = "predictions.csv"
    return data


@pytest.mark.usefixtures("unparsed_bodies")
def test_a_declared_length_over_the_limit_is_413_unread(alice: User, alice_client: Client) -> None:
    competition = make_competition(max_submission_bytes=1000)
    join_competition(competition=competition, user=alice)
    # The declared length alone decides: the (tiny) body is never parsed.
    response = alice_client.post(
        f"/competitions/{competition.slug}/submit/",
        data=b"not even multipart",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "larger than the limit" in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.usefixtures("unparsed_bodies")
def test_a_streamed_file_over_the_limit_is_stopped_by_the_handler(
    alice: User, alice_client: Client
) -> None:
    competition = make_competition(max_submission_bytes=200)
    join_competition(competition=competition, user=alice)
    # 500 bytes: under the declared-length slack, over the per-file limit.
    response = alice_client.post(
        f"/competitions/{competition.slug}/submit/", {"file": _file("x" * 500)}
    )
    assert response.status_code == 413
    assert not Submission.objects.exists()


def test_an_oversized_file_is_413_even_when_a_middleware_parsed_it(
    alice: User, alice_client: Client
) -> None:
    competition = make_competition(max_submission_bytes=200)
    join_competition(competition=competition, user=alice)
    response = alice_client.post(
        f"/competitions/{competition.slug}/submit/", {"file": _file("x" * 500)}
    )
    assert response.status_code == 413
    assert not Submission.objects.exists()


def test_the_handler_stops_at_the_limit() -> None:
    handler = LimitedUploadHandler(RequestFactory().post("/"), limit=10)
    handler.new_file("file", "a.csv", "text/csv", 100)
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"123456", 5)
    assert handler.exceeded


def test_a_file_under_the_limit_is_accepted_and_scored(alice: User, alice_client: Client) -> None:
    competition = make_competition()
    join_competition(competition=competition, user=alice)
    response = alice_client.post(
        f"/competitions/{competition.slug}/submit/", {"file": _file(table("target", SOLUTION))}
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.SCORED
    assert submission.public_score == 0.0


def test_the_submit_page_checks_csrf(alice: User) -> None:
    competition = make_competition()
    join_competition(competition=competition, user=alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(
        f"/competitions/{competition.slug}/submit/", {"file": _file(table("target", SOLUTION))}
    )
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_anonymous_cannot_submit(client: Client) -> None:
    competition = make_competition()
    response = client.post(
        f"/competitions/{competition.slug}/submit/", {"file": _file(table("target", SOLUTION))}
    )
    assert response.status_code == 302
    assert not Submission.objects.exists()
