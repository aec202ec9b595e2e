from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.services import delete_account, set_role


@pytest.mark.django_db
def test_anyone_sees_a_public_profile(client: Client, alice: User) -> None:
    response = client.get("/u/alice/")
    assert response.status_code == 200
    assert "Alice Liddell" in response.content.decode()
    assert "Edit profile" not in response.content.decode()


@pytest.mark.django_db
def test_owner_sees_an_edit_link(alice_client: Client) -> None:
    assert "Edit profile" in alice_client.get("/u/alice/").content.decode()


@pytest.mark.django_db
def test_other_user_sees_no_edit_link(bob_client: Client, alice: User) -> None:
    assert "Edit profile" not in bob_client.get("/u/alice/").content.decode()


@pytest.mark.django_db
def test_username_in_another_case_redirects(client: Client, alice: User) -> None:
    response = client.get("/u/ALICE/")
    assert response.status_code == 301
    assert response["Location"] == "/u/alice/"


@pytest.mark.django_db
def test_inactive_unknown_and_deleted_profiles_are_404(
    client: Client, alice: User, bob: User
) -> None:
    bob.is_active = False
    bob.save()
    delete_account(user=alice)
    for path in ("/u/bob/", "/u/alice/", "/u/deleted/", "/u/nobody/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "We could not find that page" in response.content.decode()


@pytest.mark.django_db
def test_moderators_carry_a_badge(client: Client, alice: User) -> None:
    set_role(user=alice, role="moderator")
    assert "Moderator" in client.get("/u/alice/").content.decode()
