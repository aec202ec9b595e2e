"""Hosting: who may create and edit, announcements that notify, write-ups after the end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.competitions.models import Announcement, Competition, WriteUp
from deepcommons.competitions.services import (
    ANNOUNCEMENT_KIND,
    add_writeup,
    join_competition,
    post_announcement,
    upload_solution,
)
from deepcommons.competitions.tests.factories import csv_upload, make_competition, make_submission
from deepcommons.social.models import Notification

pytestmark = pytest.mark.django_db


def _form(**overrides: str) -> dict[str, str]:
    now = timezone.now()
    data = {
        "title": "Protein folding",
        "slug": "",
        "rules": "Be kind.",
        "overview": "Fold **proteins**.",
        "metric": "rmse",
        "map_k": "5",
        "id_column": "id",
        "prediction_columns": "energy",
        "starts_at": (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "merger_deadline": (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (now + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "daily_limit": "3",
        "max_team_size": "4",
        "public_percent": "30",
    }
    data.update(overrides)
    return data


def test_staff_create_a_competition_with_a_discussion_tag(client: Client) -> None:
    host = UserFactory.create(is_staff=True)
    client.force_login(host)
    assert client.get("/competitions/new/").status_code == 200
    response = client.post("/competitions/new/", _form())
    assert response.status_code == 302
    competition = Competition.objects.get(slug="protein-folding")
    assert competition.overview_html == "<p>Fold <strong>proteins</strong>.</p>\n"
    assert competition.discussion_tag is not None
    assert competition.discussion_tag.name == "comp-protein-folding"
    assert list(competition.hosts.all()) == [host]


def test_members_cannot_host(client: Client, alice_client: Client) -> None:
    assert client.get("/competitions/new/").status_code == 302
    assert alice_client.get("/competitions/new/").status_code == 403
    assert alice_client.post("/competitions/new/", _form()).status_code == 403
    assert not Competition.objects.exists()


def test_bad_input_keeps_the_text(client: Client) -> None:
    client.force_login(UserFactory.create(is_staff=True))
    now = timezone.now()
    response = client.post(
        "/competitions/new/",
        _form(ends_at=(now - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"), overview="Keep me"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end must come after the start." in html and "Keep me" in html


def test_the_reserved_slug_new_is_refused(client: Client) -> None:
    client.force_login(UserFactory.create(is_staff=True))
    response = client.post("/competitions/new/", _form(slug="new"))
    assert response.status_code == 400
    assert "taken" in response.content.decode()


def test_hosts_edit_others_cannot(client: Client, alice_client: Client) -> None:
    competition = make_competition()
    url = f"/competitions/{competition.slug}/edit/"
    assert alice_client.get(url).status_code == 403
    client.force_login(competition.created_by)
    response = client.post(url, _form(title="Renamed", prediction_columns="target"))
    assert response.status_code == 302
    competition.refresh_from_db()
    assert competition.title == "Renamed"


def test_the_split_and_solution_freeze_after_the_first_submission(
    alice: User, client: Client
) -> None:
    competition = make_competition()
    make_submission(competition, alice)
    client.force_login(competition.created_by)
    response = client.post(
        f"/competitions/{competition.slug}/edit/",
        _form(prediction_columns="target", public_percent="50"),
    )
    assert response.status_code == 400
    with pytest.raises(ValidationError, match="cannot change"):
        upload_solution(
            competition=competition,
            upload=csv_upload("id,target\n1,1\n"),
            by=competition.created_by,
        )


def test_a_bad_solution_file_is_refused(client: Client) -> None:
    competition = make_competition()
    client.force_login(competition.created_by)
    response = client.post(
        f"/competitions/{competition.slug}/host/solution/",
        {"solution": csv_upload("id,wrong\n1,2\n")},
    )
    assert response.status_code == 400
    assert "Wrong columns" in response.content.decode()


def test_an_announcement_notifies_participants_and_shows_on_the_page(
    alice: User, bob: User, client: Client
) -> None:
    competition = make_competition()
    join_competition(competition=competition, user=alice)
    post_announcement(
        competition=competition, by=competition.created_by, title="New data", body="See **v2**."
    )
    assert Notification.objects.filter(recipient=alice, kind=ANNOUNCEMENT_KIND).count() == 1
    assert not Notification.objects.filter(recipient=bob).exists()
    html = client.get(competition.get_absolute_url()).content.decode()
    assert "New data" in html and "<strong>v2</strong>" in html
    with pytest.raises(ValidationError):
        post_announcement(competition=competition, by=competition.created_by, title="", body="")
    assert Announcement.objects.count() == 1


def test_write_ups_come_after_the_end(alice: User, bob: User) -> None:
    competition = make_competition()
    join_competition(competition=competition, user=alice)
    with pytest.raises(ValidationError, match="after the competition ends"):
        add_writeup(competition=competition, by=alice, title="How", url="https://example.com/a")
    later = competition.ends_at + timedelta(hours=1)
    add_writeup(
        competition=competition, by=alice, title="How", url="https://example.com/a", now=later
    )
    add_writeup(
        competition=competition, by=alice, title="How v2", url="https://example.com/b", now=later
    )
    assert WriteUp.objects.get().title == "How v2"
    with pytest.raises(ValidationError):
        add_writeup(
            competition=competition, by=alice, title="x", url="javascript:alert(1)", now=later
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        add_writeup(
            competition=competition, by=bob, title="x", url="https://example.com", now=later
        )
