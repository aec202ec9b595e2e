"""The directory: filters by kind, verified and name, and a pinned query count."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import session_queries
from deepcommons.orgs.models import Organisation, OrgKind
from deepcommons.orgs.tests.factories import make_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(db: None) -> list[Organisation]:
    made = [
        make_org(
            slug="bj-lab",
            name_en="Beijing Vision Lab",
            name_zh="北京视觉实验室",
            kind=OrgKind.LAB,
            email_domain="bj.example.cn",
        ),
        make_org(
            slug="sh-co",
            name_en="Shanghai Models Inc",
            name_zh="上海模型公司",
            kind=OrgKind.COMPANY,
            email_domain="sh.example.cn",
        ),
        make_org(
            slug="open-tok",
            name_en="Open Tokenizers",
            name_zh="",
            kind=OrgKind.OPEN_SOURCE,
            email_domain="",
        ),
    ]
    Organisation.objects.filter(slug="sh-co").update(verified_at=timezone.now())
    return made


def _names(client: Client, query: str = "") -> list[str]:
    html = client.get(f"/orgs/{query}").content.decode()
    return [o.name_en for o in Organisation.objects.order_by("name_en") if o.name_en in html]


def test_filters_narrow_the_list(orgs: list[Organisation], client: Client) -> None:
    assert _names(client) == ["Beijing Vision Lab", "Open Tokenizers", "Shanghai Models Inc"]
    assert _names(client, "?kind=company") == ["Shanghai Models Inc"]
    assert _names(client, "?verified=yes") == ["Shanghai Models Inc"]
    assert _names(client, "?verified=no") == ["Beijing Vision Lab", "Open Tokenizers"]
    assert _names(client, "?q=vision") == ["Beijing Vision Lab"]
    assert _names(client, "?q=上海") == ["Shanghai Models Inc"]
    assert _names(client, "?kind=bogus") == [
        "Beijing Vision Lab",
        "Open Tokenizers",
        "Shanghai Models Inc",
    ]


def test_names_follow_the_language(orgs: list[Organisation], client: Client) -> None:
    html = client.get("/orgs/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "北京视觉实验室" in html and "Open Tokenizers" in html


def test_the_directory_costs_the_same_queries_for_more_rows(
    django_assert_num_queries: object, orgs: list[Organisation]
) -> None:
    client = Client()
    client.force_login(UserFactory.create(username="viewer"))
    client.get("/orgs/")  # warm the per-process caches (content types, site header)
    # The session, the viewer, the page of organisations, the header's
    # unread count and the viewer's groups (the operator link).
    with django_assert_num_queries(4 + session_queries()):  # type: ignore[operator]
        assert client.get("/orgs/?kind=lab").status_code == 200
    for index in range(8):
        make_org(slug=f"extra-{index}", name_en=f"Extra {index}", email_domain="")
    with django_assert_num_queries(4 + session_queries()):  # type: ignore[operator]
        html = client.get("/orgs/?kind=lab").content.decode()
    assert "Extra 7" in html
