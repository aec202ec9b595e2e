"""Inviting, accepting, declining, role changes, removal, and the last-owner rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.orgs import services
from deepcommons.orgs.models import InvitationStatus, Organisation, OrgInvitation, OrgRole
from deepcommons.social.models import Notification

pytestmark = pytest.mark.django_db


def test_an_invitee_is_notified_and_joins_in_the_invited_role(
    org: Organisation, people: dict[str, User], django_capture_on_commit_callbacks: object
) -> None:
    newcomer = UserFactory.create(username="nina")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        invitation = services.invite_member(
            org=org, by=people["admin"], user=newcomer, role=OrgRole.RECRUITER
        )
    note = Notification.objects.get(recipient=newcomer, kind="org_invitation")
    assert note.data["url"] == "/orgs/invitations/"
    services.accept_invitation(invitation=invitation, by=newcomer)
    assert org.memberships.get(user=newcomer).role == OrgRole.RECRUITER
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED


def test_the_invitee_accepts_on_their_invitations_page(
    org: Organisation, people: dict[str, User]
) -> None:
    newcomer = UserFactory.create(username="nina")
    invitation = services.invite_member(org=org, by=people["owner"], user=newcomer, role="member")
    client = Client()
    client.force_login(newcomer)
    assert org.name_en in client.get("/orgs/invitations/").content.decode()
    response = client.post(f"/orgs/invitations/{invitation.pk}/accept/")
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    assert org.memberships.filter(user=newcomer, role="member").exists()


def test_someone_elses_invitation_is_not_found(
    org: Organisation, people: dict[str, User], clients: dict[str, Client]
) -> None:
    newcomer = UserFactory.create(username="nina")
    invitation = services.invite_member(org=org, by=people["owner"], user=newcomer, role="admin")
    for action in ("accept", "decline"):
        response = clients["outsider"].post(f"/orgs/invitations/{invitation.pk}/{action}/")
        assert response.status_code == 404
    assert not org.memberships.filter(user=people["outsider"]).exists()


def test_declined_and_withdrawn_invitations_cannot_be_accepted(
    org: Organisation, people: dict[str, User]
) -> None:
    newcomer = UserFactory.create(username="nina")
    first = services.invite_member(org=org, by=people["owner"], user=newcomer, role="member")
    services.decline_invitation(invitation=first, by=newcomer)
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=first, by=newcomer)
    second = services.invite_member(org=org, by=people["owner"], user=newcomer, role="member")
    second.org = org
    services.cancel_invitation(invitation=second, by=people["admin"])
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=second, by=newcomer)
    assert not org.memberships.filter(user=newcomer).exists()


def test_members_and_open_invitations_are_not_invited_twice(
    org: Organisation, people: dict[str, User]
) -> None:
    with pytest.raises(ValidationError, match="already a member"):
        services.invite_member(org=org, by=people["owner"], user=people["member"], role="admin")
    newcomer = UserFactory.create(username="nina")
    services.invite_member(org=org, by=people["owner"], user=newcomer, role="member")
    with pytest.raises(ValidationError, match="already has an invitation"):
        services.invite_member(org=org, by=people["owner"], user=newcomer, role="member")


def test_an_admin_cannot_invite_an_owner(org: Organisation, people: dict[str, User]) -> None:
    with pytest.raises(PermissionDenied):
        services.invite_member(
            org=org, by=people["admin"], user=UserFactory.create(username="x"), role="owner"
        )


def test_an_unknown_username_reshows_the_form(
    org: Organisation, clients: dict[str, Client]
) -> None:
    response = clients["owner"].post(
        f"/orgs/{org.slug}/members/invite/", {"username": "ghost_user", "role": "member"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no active member with this username." in html
    assert 'value="ghost_user"' in html
    assert not OrgInvitation.objects.exists()


def test_the_last_owner_cannot_leave_be_demoted_or_removed(
    org: Organisation, people: dict[str, User], clients: dict[str, Client]
) -> None:
    owner = people["owner"]
    with pytest.raises(ValidationError, match="needs an owner"):
        services.leave_org(org=org, user=owner)
    with pytest.raises(ValidationError, match="needs an owner"):
        services.change_role(org=org, by=owner, user=owner, role="admin")
    with pytest.raises(ValidationError, match="needs an owner"):
        services.remove_member(org=org, by=people["operator"], user=owner)
    response = clients["owner"].post(f"/orgs/{org.slug}/leave/", follow=True)
    assert "make another member an owner first" in response.content.decode()
    assert org.memberships.filter(user=owner, role="owner").exists()


def test_an_owner_leaves_once_there_is_another(org: Organisation, people: dict[str, User]) -> None:
    owner = people["owner"]
    services.change_role(org=org, by=owner, user=people["admin"], role="owner")
    services.leave_org(org=org, user=owner)
    assert not org.memberships.filter(user=owner).exists()
    assert list(org.memberships.filter(role="owner").values_list("user", flat=True)) == [
        people["admin"].pk
    ]


def test_a_member_leaves_and_a_manager_removes(
    org: Organisation, people: dict[str, User], clients: dict[str, Client]
) -> None:
    response = clients["member"].post(f"/orgs/{org.slug}/leave/")
    assert response.status_code == 302
    assert not org.memberships.filter(user=people["member"]).exists()
    clients["admin"].post(f"/orgs/{org.slug}/members/{people['recruiter'].pk}/remove/")
    assert not org.memberships.filter(user=people["recruiter"]).exists()


def test_a_member_cannot_remove_another(
    org: Organisation, people: dict[str, User], clients: dict[str, Client]
) -> None:
    response = clients["member"].post(f"/orgs/{org.slug}/members/{people['recruiter'].pk}/remove/")
    assert response.status_code == 403
    assert org.memberships.filter(user=people["recruiter"]).exists()


def test_an_outsider_cannot_leave(org: Organisation, clients: dict[str, Client]) -> None:
    assert clients["outsider"].post(f"/orgs/{org.slug}/leave/").status_code == 404


def test_the_invitation_shows_in_the_invitees_notifications(
    org: Organisation, people: dict[str, User], django_capture_on_commit_callbacks: object
) -> None:
    newcomer = UserFactory.create(username="nina")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.invite_member(org=org, by=people["owner"], user=newcomer, role="recruiter")
    client = Client()
    client.force_login(newcomer)
    html = client.get("/notifications/").content.decode()
    assert "You are invited to join <em>Deep Lab</em> as a recruiter." in html
