from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone

from deepcommons.accounts.middleware import UserPreferencesMiddleware
from deepcommons.accounts.models import ApiToken, User
from deepcommons.accounts.services import create_api_token


@pytest.mark.django_db
def test_times_show_in_the_members_time_zone(alice_client: Client, alice: User) -> None:
    token, _key = create_api_token(user=alice, name="tz")
    ApiToken.objects.filter(pk=token.pk).update(created_at=datetime(2026, 1, 2, 23, 30, tzinfo=UTC))
    utc_page = alice_client.get("/settings/tokens/").content.decode()
    assert "01/02/2026 11:30 p.m." in utc_page
    alice.timezone = "Asia/Shanghai"
    alice.save()
    shanghai_page = alice_client.get("/settings/tokens/").content.decode()
    assert "01/03/2026 7:30 a.m." in shanghai_page


def _zone_seen_by_a_view(user: User | AnonymousUser) -> str:
    """The time zone a view runs in, after the middleware has read `user`."""
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(timezone.get_current_timezone_name())
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = user
    # A zone left active by an earlier request in this thread must not leak.
    timezone.activate(zoneinfo.ZoneInfo("Asia/Tokyo"))
    try:
        UserPreferencesMiddleware(view)(request)
    finally:
        timezone.deactivate()
    return seen[0]


@pytest.mark.django_db
def test_visitors_see_utc_and_a_bad_zone_falls_back(alice: User) -> None:
    assert _zone_seen_by_a_view(AnonymousUser()) == "UTC"
    alice.timezone = ""
    assert _zone_seen_by_a_view(alice) == "UTC"
    alice.timezone = "Not/AZone"
    assert _zone_seen_by_a_view(alice) == "UTC"
    alice.timezone = "../../etc/passwd"
    assert _zone_seen_by_a_view(alice) == "UTC"


@pytest.mark.django_db
def test_a_bad_zone_shows_the_page_in_utc(alice: User) -> None:
    token, _key = create_api_token(user=alice, name="tz")
    ApiToken.objects.filter(pk=token.pk).update(created_at=datetime(2026, 1, 2, 23, 30, tzinfo=UTC))
    User.objects.filter(pk=alice.pk).update(timezone="Not/AZone")
    client = Client()
    client.force_login(alice)
    response = client.get("/settings/tokens/")
    assert response.status_code == 200
    assert "01/02/2026 11:30 p.m." in response.content.decode()
