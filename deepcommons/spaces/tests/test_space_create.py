"""A new space on the site, for whoever may add spaces in the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.spaces.models import Space
from deepcommons.spaces.tests.factories import SpaceFactory

URL = reverse("spaces:space-create")


def _form(**changes: str) -> dict[str, Any]:
    data = {
        "slug": "robotics",
        "name_en": "Robotics",
        "name_zh": "机器人",
        "description_en": "Arms, legs and wheels.",
        "description_zh": "机械臂、腿和轮子。",
        "icon": "🤖",
        "colour": "#16A34A",
        "language": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def admin_client(alice: User) -> Client:
    """alice is an administrator; bob a moderator; charlie a member."""
    set_role(user=alice, role="administrator")
    client = Client()
    client.force_login(alice)
    return client


def test_administrator_creates_a_space_listed_last(admin_client: Client) -> None:
    SpaceFactory(slug="cv", position=4)
    assert "New space" in admin_client.get(reverse("spaces:space-list")).content.decode()
    assert admin_client.get(URL).status_code == 200
    response = admin_client.post(URL, _form())
    settings_url = reverse("spaces:space-settings", kwargs={"space_slug": "robotics"})
    assert response.status_code == 302 and response["Location"] == settings_url
    space = Space.objects.get(slug="robotics")
    assert (space.name_en, space.name_zh, space.icon, space.colour) == (
        "Robotics",
        "机器人",
        "🤖",
        "#16a34a",
    )
    assert space.position == 5
    assert admin_client.get(space.get_absolute_url()).status_code == 200


def test_moderators_and_members_get_403_and_anonymous_logs_in(
    bob: User, charlie_client: Client, client: Client
) -> None:
    set_role(user=bob, role="moderator")
    moderator = Client()
    moderator.force_login(bob)
    for other in (moderator, charlie_client):
        assert other.get(URL).status_code == 403
        assert other.post(URL, _form()).status_code == 403
        assert URL not in other.get(reverse("spaces:space-list")).content.decode()
    assert "/login/" in client.get(URL)["Location"]
    assert not Space.objects.exists()


def test_a_moderator_granted_the_admin_permission_may_create(bob: User) -> None:
    set_role(user=bob, role="moderator")
    bob.user_permissions.add(Permission.objects.get(codename="add_space"))
    client = Client()
    client.force_login(bob)
    assert client.post(URL, _form()).status_code == 302


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug": "cv"}, "A space with that address already exists."),
        ({"slug": "CV"}, "A space with that address already exists."),
        ({"slug": "new"}, "is reserved for the site"),
        ({"slug": "no spaces"}, "Enter a valid “slug”"),
        ({"name_zh": ""}, "This field is required."),
        ({"name_en": "n" * 81}, "The English name is 81 characters long; the limit is 80."),
        ({"description_en": "d" * 1_001}, "The description is 1001 characters long"),
        ({"icon": "abc"}, "The icon must be one emoji"),
        ({"colour": "red"}, "Give the colour as #"),
        ({"language": "fr"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_shown_again_with_messages(
    admin_client: Client, changes: dict[str, str], message: str
) -> None:
    SpaceFactory(slug="cv")
    response = admin_client.post(URL, _form(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Arms, legs and wheels." in html or "description_en" in changes
    assert Space.objects.count() == 1


def test_new_space_page_is_in_chinese_too(admin_client: Client) -> None:
    html = admin_client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<html lang="zh-Hans"' in html
