"""Private files: data for participants who accepted the rules, the solution for hosts only."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.competitions.models import Competition, DataFile
from deepcommons.competitions.services import join_competition, upload_data_file
from deepcommons.competitions.tests.factories import csv_upload, make_competition

pytestmark = pytest.mark.django_db


def _with_data() -> tuple[Competition, DataFile, User]:
    competition = make_competition()
    host = competition.created_by
    data_file = upload_data_file(
        competition=competition, upload=csv_upload("id,x\n1,2\n", "train.csv"), by=host
    )
    return competition, data_file, host


def _body(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_a_participant_who_accepted_the_rules_downloads_data(
    alice: User, alice_client: Client
) -> None:
    competition, data_file, _host = _with_data()
    join_competition(competition=competition, user=alice)
    response = alice_client.get(data_file.get_absolute_url())
    assert response.status_code == 200
    assert _body(response) == b"id,x\n1,2\n"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]


def test_others_cannot_download_data(client: Client, bob_client: Client) -> None:
    _competition, data_file, _host = _with_data()
    assert client.get(data_file.get_absolute_url()).status_code == 302
    assert bob_client.get(data_file.get_absolute_url()).status_code == 404


def test_data_lives_outside_media_root(settings: object) -> None:
    _competition, data_file, _host = _with_data()
    from django.conf import settings as live

    assert str(live.PRIVATE_MEDIA_ROOT) in data_file.file.path
    assert not data_file.file.path.startswith(str(live.MEDIA_ROOT))


def test_only_hosts_download_the_solution(
    alice: User, alice_client: Client, client: Client
) -> None:
    competition = make_competition()
    join_competition(competition=competition, user=alice)
    url = f"/competitions/{competition.slug}/host/solution.csv"
    assert alice_client.get(url).status_code == 404
    assert client.get(url).status_code == 302
    host = Client()
    host.force_login(competition.created_by)
    response = host.get(url)
    assert response.status_code == 200
    assert _body(response).startswith(b"id,target\n")


def test_hosts_pages_are_forbidden_to_others(alice_client: Client) -> None:
    competition = make_competition()
    assert alice_client.get(f"/competitions/{competition.slug}/host/").status_code == 403
    response = alice_client.post(
        f"/competitions/{competition.slug}/host/data/", {"file": csv_upload("a,b\n")}
    )
    assert response.status_code == 403
    assert not DataFile.objects.exists()


def test_the_host_page_lists_tools(client: Client) -> None:
    competition = make_competition()
    client.force_login(competition.created_by)
    html = client.get(f"/competitions/{competition.slug}/host/").content.decode()
    assert "Download the solution" in html and "40 rows" in html
