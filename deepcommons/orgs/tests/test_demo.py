"""The demo builds organisations in every role, verified and not, once."""

from __future__ import annotations

from io import StringIO

import pytest

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.orgs.demo import FOLLOWERS, ORGS, build
from deepcommons.orgs.models import Organisation, OrgMembership, OrgPost

pytestmark = pytest.mark.django_db


def test_the_demo_builds_orgs_members_posts_and_is_idempotent() -> None:
    names = {name for spec in ORGS for name in spec["members"]} | set(FOLLOWERS)
    for name in names:
        UserFactory.create(username=name)
    User.objects.create_superuser("admin", "admin@example.com", "pw")
    out = StringIO()
    build(out)
    assert Organisation.objects.count() == 4
    assert set(Organisation.objects.verified().values_list("slug", flat=True)) == {
        "zhiyuan-ai-lab",
        "huangpu-robotics",
    }
    assert set(OrgMembership.objects.values_list("role", flat=True)) == {
        "owner",
        "admin",
        "member",
        "recruiter",
    }
    assert OrgPost.objects.filter(sponsored=True).count() == 1
    lab = Organisation.objects.get(slug="zhiyuan-ai-lab")
    assert lab.follower_count == 2  # liu_yang and zhou_tao; the others are members
    build(out)
    assert Organisation.objects.count() == 4 and OrgPost.objects.count() == 6
