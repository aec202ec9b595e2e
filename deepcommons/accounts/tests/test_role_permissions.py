from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.roles import moderator_permissions, sync_role_permissions
from deepcommons.accounts.services import set_role


@pytest.mark.django_db
def test_moderators_hold_the_registered_permissions_after_migrate() -> None:
    sync_role_permissions()
    group = Group.objects.get(name="Moderators")
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert {"posts.delete_post", "social.view_messagereport", "spaces.change_tag"} <= held
    assert held == set(moderator_permissions())
    members, _ = Group.objects.get_or_create(name="Members")
    assert not members.permissions.exists()


@pytest.mark.django_db
def test_a_moderator_works_in_the_admin_within_their_permissions(
    alice: User, alice_client: Client, bob_client: Client
) -> None:
    sync_role_permissions()
    set_role(user=alice, role="moderator")
    assert alice_client.get("/admin/").status_code == 200
    assert alice_client.get("/admin/posts/post/").status_code == 200
    assert alice_client.get("/admin/social/messagereport/").status_code == 200
    # Not theirs: groups, API tokens, adding users.
    assert alice_client.get("/admin/auth/group/").status_code == 403
    assert alice_client.get("/admin/accounts/apitoken/").status_code == 403
    assert alice_client.get("/admin/accounts/user/add/").status_code == 403
    # A member is not staff at all.
    assert bob_client.get("/admin/posts/post/").status_code == 302
