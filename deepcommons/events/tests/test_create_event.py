from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.events.models import Format
from deepcommons.events.services import EventInput, create_event
from deepcommons.spaces.tests.factories import SpaceFactory, TagFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _data(**overrides: Any) -> EventInput:
    start = (
        (timezone.now() + timedelta(days=7))
        .astimezone(SHANGHAI)
        .replace(hour=19, minute=30, second=0, microsecond=0)
    )
    values: dict[str, Any] = {
        "title": "Reading group: Mamba",
        "description": "We read **Mamba**. <script>alert(1)</script>",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "timezone": "Asia/Shanghai",
        "video_url": "https://meet.example.com/mamba",
    }
    values.update(overrides)
    return EventInput(**values)


@pytest.mark.django_db
def test_an_organiser_creates_an_event_stored_in_utc(organiser: User) -> None:
    event = create_event(organiser=organiser, data=_data())
    event.refresh_from_db()
    assert event.starts_at.tzinfo is not None
    assert event.starts_at.utcoffset() == timedelta(0)
    assert event.starts_at.astimezone(SHANGHAI).hour == 19
    assert "<strong>Mamba</strong>" in event.description_html
    assert "<script>" not in event.description_html


@pytest.mark.django_db
@pytest.mark.real_privileges
def test_a_new_member_may_not_organise(alice: User) -> None:
    with pytest.raises(PermissionDenied, match="reputation"):
        create_event(organiser=alice, data=_data())


@pytest.mark.django_db
def test_moderators_organise_at_any_reputation(alice: User) -> None:
    alice.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    alice = User.objects.get(pk=alice.pk)
    assert alice.is_moderator
    assert create_event(organiser=alice, data=_data()).pk


@pytest.mark.django_db
def test_the_end_must_follow_the_start(organiser: User) -> None:
    data = _data()
    data.ends_at = data.starts_at
    with pytest.raises(ValidationError) as caught:
        create_event(organiser=organiser, data=data)
    assert "ends_at" in caught.value.message_dict


@pytest.mark.django_db
def test_an_offline_event_needs_a_place(organiser: User) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(organiser=organiser, data=_data(format=Format.OFFLINE))
    assert "address" in caught.value.message_dict


@pytest.mark.django_db
def test_offline_events_drop_the_video_link_and_get_a_map(organiser: User) -> None:
    event = create_event(
        organiser=organiser,
        data=_data(
            format=Format.OFFLINE, venue="Zhongguancun", address="1 Haidian St", city="Beijing"
        ),
    )
    assert event.video_url == ""
    assert event.map_url() == ("https://www.openstreetmap.org/search?query=1+Haidian+St%2C+Beijing")


@pytest.mark.django_db
def test_speakers_co_organisers_space_and_tags(organiser: User, bob: User) -> None:
    space = SpaceFactory(slug="nlp")
    TagFactory(name="transformers")
    event = create_event(
        organiser=organiser,
        data=_data(
            space=space,
            tags="transformers",
            speakers=["@bob, Tsinghua", "Ada Lovelace, Analytical Engines"],
            co_organisers=["bob", "organiser"],
        ),
    )
    speakers = [(s.user_id, s.display_name, s.affiliation) for s in event.speakers.all()]
    assert speakers == [
        (bob.pk, bob.name, "Tsinghua"),
        (None, "Ada Lovelace", "Analytical Engines"),
    ]
    assert list(event.co_organisers.all()) == [bob]
    assert event.is_organised_by(bob)
    assert [t.name for t in event.tags.all()] == ["transformers"]
    assert event.space == space


@pytest.mark.django_db
def test_unknown_people_and_tags_are_errors_on_their_fields(organiser: User) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(
            organiser=organiser,
            data=_data(tags="nonexistent", speakers=["@nobody"], co_organisers=["ghost"]),
        )
    assert set(caught.value.message_dict) == {"tags", "speakers", "co_organisers"}


@pytest.mark.django_db
def test_at_most_five_questions(organiser: User) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(organiser=organiser, data=_data(questions=[f"Q{i}?" for i in range(6)]))
    assert "questions" in caught.value.message_dict


@pytest.mark.django_db
def test_naive_times_are_a_programming_error(organiser: User) -> None:
    with pytest.raises(ValueError):
        create_event(
            organiser=organiser,
            data=_data(
                starts_at=datetime(2030, 1, 1, 10),  # noqa: DTZ001 - the point of the test
                ends_at=datetime(2030, 1, 1, 11),  # noqa: DTZ001
            ),
        )


@pytest.mark.django_db
def test_suspended_organisers_cannot_create(organiser: User) -> None:
    User.objects.filter(pk=organiser.pk).update(
        suspended_until=timezone.now() + timedelta(days=1),
        silenced_until=timezone.now() + timedelta(days=1),
    )
    organiser.refresh_from_db()
    with pytest.raises(PermissionDenied):
        create_event(organiser=organiser, data=_data())
