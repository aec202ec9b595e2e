from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

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


@pytest.mark.django_db
def test_visitors_see_utc_and_a_bad_zone_falls_back(alice: User) -> None:
    User.objects.filter(pk=alice.pk).update(timezone="Not/AZone")
    client = Client()
    client.force_login(alice)
    assert client.get("/settings/tokens/").status_code == 200
