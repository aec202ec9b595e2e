"""Applying with a CV: the checks, refusals and where the file lives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.careers import services
from deepcommons.careers.models import MAX_CV_BYTES, Application, ApplicationEvent, JobState
from deepcommons.careers.tests.factories import PDF, expire, make_application, make_job, pdf_upload
from deepcommons.posts import services as post_services
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.social.models import Notification

pytestmark = pytest.mark.django_db


def _stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_applying_stores_the_cv_privately_with_the_profile(alice: User, bob: User) -> None:
    question = make_question(author=bob, tags="pytorch")
    answer = make_answer(question, author=alice)
    post_services.vote(post=answer, user=bob, value=1)
    job = make_job()
    application = make_application(job, alice)
    path = Path(application.cv.path)
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert path.read_bytes() == PDF
    assert application.profile["top_tags"] == [{"tag": "pytorch", "score": 1, "answers": 1}]
    assert application.profile["reputation"] == alice.reputation
    # The recruiter hears of it; the CV's name is in no notification.
    note = Notification.objects.get(kind="job_application_new")
    assert note.recipient_id == job.posted_by_id
    assert application.cv.name not in str(note.data)


@pytest.mark.parametrize(
    ("upload", "text"),
    [
        (SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf"), "must be a PDF"),
        (SimpleUploadedFile("cv.pdf", b""), "empty"),
        (SimpleUploadedFile("cv.pdf", b"%PDF-" + b"0" * MAX_CV_BYTES), "larger than 5 MB"),
        (None, "Attach your CV"),
    ],
)
def test_bad_cvs_are_refused_and_nothing_is_stored(alice: User, upload: object, text: str) -> None:
    job = make_job()
    with pytest.raises(ValidationError) as error:
        services.apply_to_job(job=job, applicant=alice, cv=upload, cover_note="Hi")  # type: ignore[arg-type]
    assert text in error.value.message_dict["cv"][0]
    assert not Application.objects.exists()
    assert _stored_files() == []


def test_applying_twice_or_to_a_closed_job_is_refused(alice: User) -> None:
    job = make_job()
    make_application(job, alice)
    with pytest.raises(ValidationError, match="already applied"):
        make_application(job, alice)
    closed = make_job(title="Closed")
    services.end_job(job=closed, by=closed.posted_by, state=JobState.CLOSED)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="closed"):
        make_application(closed, alice)
    with pytest.raises(ValidationError, match="closed"):
        make_application(expire(make_job(title="Expired")), alice)
    assert Application.objects.count() == 1
    assert len(_stored_files()) == 1


def test_the_cv_is_deleted_when_the_row_fails(alice: User, monkeypatch: pytest.MonkeyPatch) -> None:
    job = make_job()

    def fail(*args: object, **kwargs: object) -> None:
        raise IntegrityError("boom")

    monkeypatch.setattr(ApplicationEvent.objects, "create", fail)
    with pytest.raises(ValidationError, match="already applied"):
        make_application(job, alice)
    assert not Application.objects.exists()
    assert _stored_files() == []


def test_the_apply_page_keeps_the_note_and_explains_errors(alice_client: Client) -> None:
    job = make_job()
    url = reverse("careers:job-apply", args=[job.pk])
    assert alice_client.get(url).status_code == 200
    response = alice_client.post(
        url, {"cover_note": "Keep me", "cv": SimpleUploadedFile("cv.pdf", b"GIF89a")}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The CV must be a PDF file." in html and "Keep me" in html
    response = alice_client.post(url, {"cover_note": "Hello", "cv": pdf_upload()})
    application = Application.objects.get()
    assert response["Location"] == application.get_absolute_url()
    response = alice_client.post(url, {"cover_note": "Again", "cv": pdf_upload()})
    assert "already applied" in response.content.decode()


@pytest.fixture
def unparsed_bodies(settings: Any) -> None:
    """Leave out core's NUL-byte guard, which parses every POST body before
    the view runs; then nothing reads the upload before the view's checks."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RejectNullBytes" not in m]


@pytest.mark.usefixtures("unparsed_bodies")
def test_a_50_mb_body_is_refused_before_it_is_read(alice_client: Client) -> None:
    job = make_job()
    url = reverse("careers:job-apply", args=[job.pk])
    response = alice_client.post(
        url,
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "larger than 5 MB" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize("guard", ["unparsed", "parsed by a middleware"])
def test_a_streamed_oversized_cv_is_stopped(
    alice_client: Client, settings: Any, guard: str
) -> None:
    if guard == "unparsed":
        settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RejectNullBytes" not in m]
    job = make_job()
    big = SimpleUploadedFile("cv.pdf", b"%PDF-" + b"0" * (MAX_CV_BYTES + 10))
    response = alice_client.post(reverse("careers:job-apply", args=[job.pk]), {"cv": big})
    assert response.status_code == 413
    assert "larger than 5 MB" in response.content.decode()
    assert not Application.objects.exists()
    assert _stored_files() == []


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    job = make_job()
    response = client.get(reverse("careers:job-apply", args=[job.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
