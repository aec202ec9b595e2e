"""Only operators and administrators see the console: every page, chart and API route."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.accounts.services import create_api_token
from deepcommons.analytics.tests.factories import ActivityEventFactory
from deepcommons.ops.pages import PAGES
from deepcommons.ops.services import recompute_snapshots
from deepcommons.ops.views.common import _module

pytestmark = pytest.mark.django_db

NAMES = [page.name for page in PAGES]


@pytest.fixture
def computed() -> None:
    ActivityEventFactory.create_batch(5)
    recompute_snapshots()


def _urls(name: str, chart_ids: list[str]) -> list[str]:
    urls = [reverse(f"ops:{name}")]
    for chart_id in chart_ids:
        urls.append(reverse("ops:chart-json", args=[name, chart_id]))
        urls.append(reverse("ops:chart-csv", args=[name, chart_id]))
    return urls


@pytest.mark.parametrize("name", NAMES)
def test_nobody_but_operators_sees_a_page_or_its_charts(
    name: str,
    computed: None,
    operator_client: Client,
    admin_client_ops: Client,
    role_clients: dict[str, Client | None],
) -> None:
    page = operator_client.get(reverse(f"ops:{name}"))
    assert page.status_code == 200
    chart_ids = list(page.context["charts"])
    for url in _urls(name, chart_ids):
        assert operator_client.get(url).status_code == 200, url
        assert admin_client_ops.get(url).status_code == 200, url
        for role, client in role_clients.items():
            assert (client or Client()).get(url).status_code == 404, (role, url)


@pytest.mark.parametrize("name", NAMES)
def test_the_api_answers_operators_tokens_only(name: str, computed: None, operator: User) -> None:
    member = User.objects.create_user("tokenless", "t@example.com", "pw-pw-pw-pw")
    url = f"/api/v1/ops/{name}"
    for user, status in ((operator, 200), (member, 404)):
        _token, secret = create_api_token(user=user, name="ops")
        response = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == status, (user, response.content)
        assert response["Content-Type"].startswith("application/json")
    assert Client().get(url).status_code == 401


@pytest.mark.parametrize("name", NAMES)
def test_the_api_gives_the_pages_charts(name: str, computed: None, operator: User) -> None:
    _token, secret = create_api_token(user=operator, name="ops")
    body = Client().get(f"/api/v1/ops/{name}", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    client = Client()
    client.force_login(operator)
    page = client.get(reverse(f"ops:{name}"))
    assert [chart["id"] for chart in body["charts"]] == list(page.context["charts"])
    assert body["page"] == name


def test_every_page_has_a_view_module_and_a_template() -> None:
    for name in NAMES:
        module = _module(name)
        assert callable(module.build)
