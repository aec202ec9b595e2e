"""Following an organisation keeps its follower count exact."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.orgs import services
from deepcommons.orgs.models import Organisation
from deepcommons.social.models import Follow

pytestmark = pytest.mark.django_db


def test_following_twice_counts_once_and_unfollowing_undoes_it(
    org: Organisation, people: dict[str, User]
) -> None:
    fan = people["outsider"]
    assert services.follow_org(user=fan, org=org) is True
    assert services.follow_org(user=fan, org=org) is False
    org.refresh_from_db()
    assert org.follower_count == 1 and Follow.objects.is_following(user=fan, target=org)
    assert services.unfollow_org(user=fan, org=org) is True
    assert services.unfollow_org(user=fan, org=org) is False
    org.refresh_from_db()
    assert org.follower_count == 0


def test_the_button_follows_with_htmx(org: Organisation, clients: dict[str, Client]) -> None:
    response = clients["outsider"].post(
        f"/orgs/{org.slug}/follow/", {"action": "follow"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "1 follower" in html and "Unfollow" in html
    response = clients["outsider"].post(f"/orgs/{org.slug}/follow/", {"action": "unfollow"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.follower_count == 0


def test_anonymous_visitors_are_asked_to_log_in(org: Organisation) -> None:
    response = Client().post(f"/orgs/{org.slug}/follow/", {"action": "follow"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_generic_follow_endpoint_refuses_orgs_so_the_count_cannot_drift(
    org: Organisation, clients: dict[str, Client]
) -> None:
    response = clients["outsider"].post(f"/follow/org/{org.pk}/", {"action": "follow"})
    assert response.status_code == 404
    assert not Follow.objects.on(org).exists()
