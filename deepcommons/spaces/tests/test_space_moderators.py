"""Adding and removing a space's moderators: site staff and moderators only; a
space moderator may step down but not remove anyone else."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.spaces.models import Space
from deepcommons.spaces.tests.factories import SpaceFactory

ADD = reverse("spaces:space-moderator-add", kwargs={"space_slug": "cv"})
REMOVE = reverse("spaces:space-moderator-remove", kwargs={"space_slug": "cv"})
SETTINGS = reverse("spaces:space-settings", kwargs={"space_slug": "cv"})


@pytest.fixture
def cv(charlie: User) -> Space:
    space = SpaceFactory(slug="cv")
    space.moderators.add(charlie)
    return space


@pytest.fixture
def staff_client(alice: User) -> Client:
    set_role(user=alice, role="moderator")
    client = Client()
    client.force_login(alice)
    return client


def _moderators(space: Space) -> list[str]:
    return sorted(space.moderators.values_list("username", flat=True))


def test_site_moderator_adds_and_removes_by_username(
    staff_client: Client, bob: User, cv: Space
) -> None:
    page = staff_client.get(SETTINGS).content.decode()
    assert ADD in page
    response = staff_client.post(ADD, {"username": "BOB"})
    assert response.status_code == 302
    assert _moderators(cv) == ["bob", "charlie"]
    assert staff_client.post(REMOVE, {"username": "charlie"}).status_code == 302
    assert _moderators(cv) == ["bob"]


def test_plain_staff_user_may_appoint(bob: User, cv: Space, alice: User) -> None:
    bob.is_staff = True
    bob.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(bob)
    assert client.post(ADD, {"username": "alice"}).status_code == 302
    assert "alice" in _moderators(cv)


def test_unknown_or_duplicate_username_is_an_error_with_the_text_kept(
    staff_client: Client, cv: Space
) -> None:
    response = staff_client.post(ADD, {"username": "nobody-here"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "No member is called nobody-here." in html and 'value="nobody-here"' in html
    response = staff_client.post(ADD, {"username": "charlie"})
    assert response.status_code == 400
    assert "already moderates this space" in response.content.decode()
    assert _moderators(cv) == ["charlie"]


def test_space_moderator_cannot_appoint_or_remove_others(
    charlie_client: Client, bob: User, alice: User, cv: Space
) -> None:
    cv.moderators.add(alice)
    assert ADD not in charlie_client.get(SETTINGS).content.decode()
    assert charlie_client.post(ADD, {"username": "bob"}).status_code == 403
    assert charlie_client.post(REMOVE, {"username": "alice"}).status_code == 403
    assert _moderators(cv) == ["alice", "charlie"]


def test_space_moderator_may_step_down(charlie_client: Client, cv: Space) -> None:
    response = charlie_client.post(REMOVE, {"username": "charlie"})
    assert response.status_code == 302
    assert response["Location"] == reverse("spaces:space-about", kwargs={"space_slug": "cv"})
    assert _moderators(cv) == []
    assert charlie_client.get(SETTINGS).status_code == 403


def test_members_get_403_and_anonymous_logs_in(
    bob_client: Client, client: Client, cv: Space
) -> None:
    assert bob_client.post(ADD, {"username": "bob"}).status_code == 403
    assert bob_client.post(REMOVE, {"username": "charlie"}).status_code == 403
    for url in (ADD, REMOVE):
        response = client.post(url, {"username": "charlie"})
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert _moderators(cv) == ["charlie"]


def test_removing_someone_who_is_not_a_moderator_is_404(
    staff_client: Client, cv: Space, bob: User
) -> None:
    assert staff_client.post(REMOVE, {"username": "bob"}).status_code == 404
