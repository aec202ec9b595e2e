from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_404_page_uses_the_site_look(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'class="site-header"' in body
    assert "We could not find that page" in body


@pytest.mark.django_db
def test_500_page_renders_without_a_database(client: Client) -> None:
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html


@pytest.mark.django_db
def test_403_page_uses_the_site_look(rf, client: Client) -> None:
    from django.core.exceptions import PermissionDenied

    from deepcommons.core.views import permission_denied

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "You do not have permission" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_403_not_500(alice) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/settings/profile/", {"display_name": "x"})
    assert response.status_code == 403
