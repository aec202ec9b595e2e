from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role


@pytest.mark.django_db
def test_new_members_are_in_the_members_group(alice: User) -> None:
    assert list(alice.groups.values_list("name", flat=True)) == ["Members"]
    assert not alice.is_moderator


@pytest.mark.django_db
def test_roles_map_to_groups_and_staff(alice: User) -> None:
    set_role(user=alice, role="moderator")
    alice.refresh_from_db()
    assert alice.is_moderator and alice.is_staff and not alice.is_superuser
    set_role(user=alice, role="administrator")
    alice.refresh_from_db()
    assert alice.is_superuser
    assert set(alice.groups.values_list("name", flat=True)) == {
        "Members",
        "Moderators",
        "Administrators",
    }
    set_role(user=alice, role="member")
    alice.refresh_from_db()
    assert not alice.is_staff and not alice.is_moderator


@pytest.mark.django_db
def test_admin_opens_for_administrators_only(
    alice: User, alice_client: Client, bob_client: Client, client: Client
) -> None:
    set_role(user=alice, role="administrator")
    assert alice_client.get("/admin/accounts/user/").status_code == 200
    assert alice_client.get(f"/admin/accounts/user/{alice.pk}/change/").status_code == 200
    assert bob_client.get("/admin/").status_code == 302
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_set_role_command(alice: User) -> None:
    call_command("set_role", "alice", "moderator", stdout=StringIO())
    alice.refresh_from_db()
    assert alice.is_moderator


@pytest.mark.django_db
def test_username_uniqueness_ignores_case_in_the_database(alice: User) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="ALICE")
