"""The competitions API: same services and checks as the pages, JSON 4xx."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.services import create_api_token
from deepcommons.competitions.models import Submission
from deepcommons.competitions.services import upload_data_file
from deepcommons.competitions.tests.factories import (
    SOLUTION,
    csv_upload,
    make_competition,
    make_submission,
    table,
)

pytestmark = pytest.mark.django_db


def _bearer(user: User) -> dict[str, str]:
    _token, key = create_api_token(user=user, name="test")
    return {"authorization": f"Bearer {key}"}


def _file(text: str) -> io.BytesIO:
    data = io.BytesIO(text.encode())
    data.name = "predictions.csv"
    return data


def test_list_and_detail(client: Client) -> None:
    competition = make_competition(title="House prices")
    listing = client.get("/api/v1/competitions").json()
    assert [c["slug"] for c in listing] == [competition.slug]
    assert listing[0]["status"] == "running" and listing[0]["lower_is_better"] is True
    detail = client.get(f"/api/v1/competitions/{competition.slug}").json()
    assert detail["accepted_rules"] is False and detail["team"] is None
    assert client.get("/api/v1/competitions/nope").status_code == 404


def test_join_submit_and_list_my_submissions(client: Client, alice: User) -> None:
    competition = make_competition()
    base = f"/api/v1/competitions/{competition.slug}"
    headers = _bearer(alice)
    refused = client.post(
        f"{base}/submissions", {"file": _file(table("target", SOLUTION))}, headers=headers
    )
    assert refused.status_code == 400
    assert "Accept the rules" in refused.json()["message"] or refused.json().get("errors")
    joined = client.post(f"{base}/join", headers=headers)
    assert joined.status_code == 200 and joined.json()["members"] == ["alice"]
    values = {k: v + 1 for k, v in SOLUTION.items()}
    response = client.post(
        f"{base}/submissions", {"file": _file(table("target", values))}, headers=headers
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "scored" and body["public_score"] == pytest.approx(1.0)
    assert body["private_score"] is None  # hidden until the end
    mine = client.get(f"{base}/submissions", headers=headers).json()
    assert [s["id"] for s in mine] == [body["id"]]
    board = client.get(f"{base}/leaderboard").json()
    assert board["which"] == "public" and board["rows"][0]["team"] == "alice"


def test_a_bad_file_reports_its_error_kind(client: Client, alice: User) -> None:
    competition = make_competition()
    base = f"/api/v1/competitions/{competition.slug}"
    headers = _bearer(alice)
    client.post(f"{base}/join", headers=headers)
    response = client.post(
        f"{base}/submissions", {"file": _file("id,target\n1,x\n")}, headers=headers
    )
    assert response.status_code == 201
    assert response.json()["status"] == "error"
    assert response.json()["error_kind"] in {"Not a number", "Missing ids"}


def test_an_oversized_upload_is_a_json_413(client: Client, alice: User) -> None:
    competition = make_competition(max_submission_bytes=100)
    base = f"/api/v1/competitions/{competition.slug}"
    headers = _bearer(alice)
    client.post(f"{base}/join", headers=headers)
    response = client.post(f"{base}/submissions", {"file": _file("x" * 500)}, headers=headers)
    assert response.status_code == 413
    assert "message" in response.json()
    assert not Submission.objects.exists()


def test_anonymous_cannot_join_or_submit(client: Client) -> None:
    competition = make_competition()
    base = f"/api/v1/competitions/{competition.slug}"
    assert client.post(f"{base}/join").status_code == 401
    assert client.post(f"{base}/submissions", {"file": _file("id,target\n")}).status_code == 401


def test_data_files_only_for_participants(client: Client, alice: User, bob: User) -> None:
    competition = make_competition()
    data = upload_data_file(
        competition=competition,
        upload=csv_upload("id,x\n1,2\n", "train.csv"),
        by=competition.created_by,
    )
    url = f"/api/v1/competitions/{competition.slug}/data/{data.pk}"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=_bearer(bob)).status_code == 404
    make_submission(competition, alice)
    response = client.get(url, headers=_bearer(alice))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"id,x\n1,2\n"  # type: ignore[attr-defined]
