"""The careers API: same rules as the pages, JSON 4xx for refusals."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.careers.models import Application, Job, Stage
from deepcommons.careers.tests.factories import add_member, make_job, make_org, pdf_upload
from deepcommons.orgs.models import OrgRole

pytestmark = pytest.mark.django_db
API = "/api/v1"

JOB = {
    "org": "deepvision-lab",
    "title": "Research engineer",
    "description": "Build **things**.",
    "role": "research_engineer",
    "seniority": "mid",
    "salary_min": 100,
    "salary_max": 200,
    "currency": "USD",
}


def test_post_publish_list_and_read(alice: User, alice_client: Client, client: Client) -> None:
    add_member(make_org(), alice, OrgRole.ADMIN)
    response = alice_client.post(f"{API}/jobs", JOB, content_type="application/json")
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["state"] == "draft"
    assert client.get(f"{API}/jobs/{job['id']}").status_code == 404  # drafts are private
    assert client.get(f"{API}/jobs").json()["items"] == []
    published = alice_client.post(f"{API}/jobs/{job['id']}/publish").json()
    assert published["state"] == "published"
    listed = client.get(f"{API}/jobs?remote=false&salary=150").json()["items"]
    assert [j["id"] for j in listed] == [job["id"]]
    assert client.get(f"{API}/jobs?salary=500").json()["items"] == []
    assert client.get(f"{API}/jobs/{job['id']}").json()["description_html"].startswith("<p>")


@pytest.mark.parametrize(
    ("change", "status", "text"),
    [
        ({"salary_min": 300}, 400, "below the lowest"),
        ({"currency": "XYZ"}, 400, "Unknown currency XYZ"),
        ({"expires_at": "2020-01-01T00:00:00Z"}, 400, "in the past"),
        ({"salary_min": "lots"}, 400, "whole, positive"),
        ({"org": "nowhere"}, 400, "Unknown organisation"),
        ({"org": "other-org"}, 403, "Only recruiters of"),
    ],
)
def test_bad_jobs_get_clear_json_errors(
    alice: User, alice_client: Client, change: dict, status: int, text: str
) -> None:
    add_member(make_org(), alice)
    make_org("other-org")
    response = alice_client.post(
        f"{API}/jobs", {**JOB, **change, "publish": True}, content_type="application/json"
    )
    assert response.status_code == status
    assert text in response.content.decode()
    assert not Job.objects.exists()


def test_apply_list_and_move(
    alice: User, bob: User, alice_client: Client, bob_client: Client
) -> None:
    org = make_org()
    add_member(org, alice)
    job = make_job(org, by=alice)
    url = f"{API}/jobs/{job.pk}/apply"
    bad = bob_client.post(url, {"cv": SimpleUploadedFile("cv.pdf", b"<html>"), "cover_note": "Hi"})
    assert bad.status_code == 400 and "must be a PDF" in bad.json()["message"] + str(bad.json())
    ok = bob_client.post(url, {"cv": pdf_upload(), "cover_note": "Hi"})
    assert ok.status_code == 201, ok.content
    again = bob_client.post(url, {"cv": pdf_upload()})
    assert again.status_code == 400 and "already applied" in str(again.json())
    mine = bob_client.get(f"{API}/jobs/applications").json()
    assert [a["stage"] for a in mine] == ["new"]
    # Only the organisation's recruiters see the pipeline and move applications.
    assert bob_client.get(f"{API}/jobs/{job.pk}/applications").status_code == 404
    rows = alice_client.get(f"{API}/jobs/{job.pk}/applications").json()
    assert rows[0]["applicant"] == "bob"
    move = f"{API}/jobs/applications/{rows[0]['id']}/move"
    assert (
        bob_client.post(move, {"stage": "offer"}, content_type="application/json").status_code
        == 404
    )
    assert (
        alice_client.post(move, {"stage": "hired"}, content_type="application/json").status_code
        == 400
    )
    moved = alice_client.post(move, {"stage": "interview"}, content_type="application/json")
    assert moved.json()["stage"] == "interview"
    assert Application.objects.get().stage == Stage.INTERVIEW


def test_apply_refusals(bob: User, bob_client: Client, client: Client) -> None:
    job = make_job()
    url = f"{API}/jobs/{job.pk}/apply"
    assert client.post(url, {"cv": pdf_upload()}).status_code == 401
    missing = bob_client.post(url, {"cover_note": "no cv"})
    assert missing.status_code == 400 and "Attach your CV" in str(missing.json())
    big = SimpleUploadedFile("cv.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1))
    too_big = bob_client.post(url, {"cv": big})
    assert too_big.status_code == 400 and "larger than 5 MB" in str(too_big.json())
    assert bob_client.get(f"{API}/jobs/99999").status_code == 404


def test_openapi_documents_the_careers_routes(client: Client) -> None:
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/jobs",
        "/api/v1/jobs/{job_id}",
        "/api/v1/jobs/{job_id}/publish",
        "/api/v1/jobs/{job_id}/apply",
        "/api/v1/jobs/applications",
        "/api/v1/jobs/{job_id}/applications",
        "/api/v1/jobs/applications/{application_id}/move",
    ):
        assert path in paths, sorted(p for p in paths if "jobs" in p)
