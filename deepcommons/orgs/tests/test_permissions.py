"""Who may do what on an organisation, for every role: owner, admin, member,
recruiter, outsider, anonymous and operator. Hidden things answer 404,
forbidden actions 403, anonymous visitors are sent to log in."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.orgs.models import Organisation, OrgInvitation, OrgRole
from deepcommons.orgs.tests.conftest import ROLES

pytestmark = pytest.mark.django_db

ALL = ("anonymous", *ROLES)
MANAGERS = {"owner", "admin", "operator"}


def _expected(role: str, allowed: set[str]) -> int:
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ALL)
def test_everyone_sees_the_public_tabs(
    role: str, org: Organisation, clients: dict[str, Client]
) -> None:
    for path in (
        "/orgs/",
        f"/orgs/{org.slug}/",
        f"/orgs/{org.slug}/posts/",
        f"/orgs/{org.slug}/members/",
    ):
        assert clients[role].get(path).status_code == 200, path


@pytest.mark.parametrize("role", ALL)
def test_only_managers_open_the_edit_post_and_verify_pages(
    role: str, org: Organisation, clients: dict[str, Client]
) -> None:
    for suffix in ("edit/", "posts/new/", "verify/"):
        response = clients[role].get(f"/orgs/{org.slug}/{suffix}")
        assert response.status_code == _expected(role, MANAGERS), suffix


@pytest.mark.parametrize("role", ALL)
def test_only_managers_invite(
    role: str, org: Organisation, clients: dict[str, Client], people: dict[str, User]
) -> None:
    from deepcommons.accounts.tests.factories import UserFactory

    UserFactory.create(username="newcomer")
    response = clients[role].post(
        f"/orgs/{org.slug}/members/invite/", {"username": "newcomer", "role": "member"}
    )
    if role in MANAGERS:
        assert response.status_code == 302
        assert OrgInvitation.objects.pending().filter(org=org, user__username="newcomer").exists()
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert not OrgInvitation.objects.exists()


@pytest.mark.parametrize("role", ALL)
def test_only_managers_see_pending_invitations(
    role: str, org: Organisation, clients: dict[str, Client], people: dict[str, User]
) -> None:
    from deepcommons.accounts.tests.factories import UserFactory

    OrgInvitation.objects.create(
        org=org,
        user=UserFactory.create(username="pending_pat"),
        role="member",
        invited_by=people["owner"],
    )
    html = clients[role].get(f"/orgs/{org.slug}/members/").content.decode()
    assert ("pending_pat" in html) is (role in MANAGERS)
    assert ("Invite a member" in html) is (role in MANAGERS)


@pytest.mark.parametrize("role", ALL)
def test_only_managers_change_roles(
    role: str, org: Organisation, clients: dict[str, Client], people: dict[str, User]
) -> None:
    member = people["member"]
    response = clients[role].post(
        f"/orgs/{org.slug}/members/{member.pk}/role/", {"role": "recruiter"}
    )
    changed = org.memberships.get(user=member).role == OrgRole.RECRUITER
    assert changed is (role in MANAGERS)
    if role not in MANAGERS:
        assert response.status_code == (302 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", ("admin", "member", "recruiter"))
def test_only_owners_and_operators_touch_owners(
    role: str, org: Organisation, clients: dict[str, Client], people: dict[str, User]
) -> None:
    target = people["member"] if role != "member" else people["recruiter"]
    response = clients[role].post(f"/orgs/{org.slug}/members/{target.pk}/role/", {"role": "owner"})
    assert response.status_code == 403
    assert org.memberships.get(user=target).role != OrgRole.OWNER
    response = clients[role].post(f"/orgs/{org.slug}/members/{people['owner'].pk}/remove/")
    assert response.status_code == 403
    assert org.memberships.filter(user=people["owner"]).exists()


def test_an_operator_may_make_an_owner(
    org: Organisation, clients: dict[str, Client], people: dict[str, User]
) -> None:
    clients["operator"].post(
        f"/orgs/{org.slug}/members/{people['admin'].pk}/role/", {"role": "owner"}
    )
    assert org.memberships.get(user=people["admin"]).role == OrgRole.OWNER


@pytest.mark.parametrize("role", ALL)
def test_only_operators_see_the_review_page(role: str, clients: dict[str, Client]) -> None:
    response = clients[role].get("/orgs/verification/")
    expected = {"anonymous": 302, "operator": 200}.get(role, 404)
    assert response.status_code == expected


def test_unknown_organisations_are_404(clients: dict[str, Client]) -> None:
    for path in ("/orgs/nope/", "/orgs/nope/edit/", "/orgs/nope/posts/1/"):
        assert clients["owner"].get(path).status_code == 404


@pytest.mark.parametrize("role", ALL)
def test_the_recruiter_role_is_what_careers_reads(
    role: str, org: Organisation, people: dict[str, User]
) -> None:
    from django.contrib.auth.models import AnonymousUser

    user = people.get(role) or AnonymousUser()
    assert org.is_recruiter(user) is (role in {"owner", "admin", "recruiter"})
    assert org.can_manage(user) is (role in MANAGERS)
    recruiting = Organisation.objects.where_user_has_role(
        user, (OrgRole.OWNER, OrgRole.ADMIN, OrgRole.RECRUITER)
    )
    assert list(recruiting) == ([org] if role in {"owner", "admin", "recruiter"} else [])


def test_admins_are_not_offered_owner_controls(
    org: Organisation, clients: dict[str, Client], people: dict[str, User]
) -> None:
    admin_html = clients["admin"].get(f"/orgs/{org.slug}/members/").content.decode()
    owner_html = clients["owner"].get(f"/orgs/{org.slug}/members/").content.decode()
    owner_remove = f"/orgs/{org.slug}/members/{people['owner'].pk}/remove/"
    assert owner_remove not in admin_html and owner_remove in owner_html
    assert '<option value="owner"' not in admin_html and '<option value="owner"' in owner_html
