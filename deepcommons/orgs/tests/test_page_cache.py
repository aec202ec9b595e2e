"""Every write service bumps the organisation's page-cache versions."""

from __future__ import annotations

import pytest

from deepcommons.accounts.models import User
from deepcommons.core.pagecache import get_versions
from deepcommons.orgs import services
from deepcommons.orgs.models import Organisation
from deepcommons.orgs.pagecache import LISTS, org_version
from deepcommons.orgs.tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_writes_bump_the_org_and_the_directory(org: Organisation, people: dict[str, User]) -> None:
    def versions() -> tuple[int, ...]:
        return get_versions(org_version(org.pk), LISTS)

    writes = [
        lambda: make_post(org),
        lambda: services.follow_org(user=people["outsider"], org=org),
        lambda: services.change_role(
            org=org, by=people["owner"], user=people["member"], role="admin"
        ),
        lambda: services.update_org(
            org=org,
            by=people["owner"],
            data=services.OrgInput(name_en="Deeper Lab", kind="lab", email_domain=org.email_domain),
        ),
    ]
    for write in writes:
        before = versions()
        write()
        after = versions()
        assert all(b > a for a, b in zip(before, after, strict=True)), write
