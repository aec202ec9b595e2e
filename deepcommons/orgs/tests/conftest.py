"""An organisation with one person in each role, plus an outsider and an operator;
uploaded logos go to a temporary folder."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.orgs.models import Organisation, OrgRole
from deepcommons.orgs.tests.factories import add_member, make_operator, make_org


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


ROLES = ("owner", "admin", "member", "recruiter", "outsider", "operator")


@pytest.fixture
def people(db: None) -> dict[str, User]:
    owner = UserFactory.create(username="olivia_owner")
    return {
        "owner": owner,
        "admin": UserFactory.create(username="adam_admin"),
        "member": UserFactory.create(username="mei_member"),
        "recruiter": UserFactory.create(username="rui_recruiter"),
        "outsider": UserFactory.create(username="otto_outsider"),
        "operator": make_operator(),
    }


@pytest.fixture
def org(people: dict[str, User]) -> Organisation:
    org = make_org(owner=people["owner"])
    add_member(org, people["admin"], OrgRole.ADMIN)
    add_member(org, people["member"], OrgRole.MEMBER)
    add_member(org, people["recruiter"], OrgRole.RECRUITER)
    return Organisation.objects.get(pk=org.pk)


@pytest.fixture
def clients(people: dict[str, User]) -> dict[str, Client]:
    """A logged-in client per role, and "anonymous"."""
    result = {"anonymous": Client()}
    for role, user in people.items():
        client = Client()
        client.force_login(user)
        result[role] = client
    return result
