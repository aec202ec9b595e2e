"""The organisations API: same reads and services as the pages, JSON 4xx answers."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.services import create_api_token
from deepcommons.orgs.models import Organisation, OrgPost
from deepcommons.orgs.tests.factories import make_org, make_post

pytestmark = pytest.mark.django_db


def _auth(user: User) -> dict[str, str]:
    _token, key = create_api_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_list_matches_the_directory_and_its_filters(org: Organisation, client: Client) -> None:
    make_org(slug="acme", name_en="Acme Robots", kind="company", email_domain="acme.example.com")
    body = client.get("/api/v1/orgs").json()
    assert [o["slug"] for o in body["items"]] == ["acme", "deep-lab"]
    assert [o["slug"] for o in client.get("/api/v1/orgs?kind=company").json()["items"]] == ["acme"]
    assert client.get("/api/v1/orgs?q=deep").json()["items"][0]["name_zh"] == "深度实验室"
    assert client.get("/api/v1/orgs?verified=true").json()["items"] == []
    bad = client.get("/api/v1/orgs?kind=club")
    assert bad.status_code == 400 and "message" in bad.json()
    assert client.get("/api/v1/orgs?cursor=nonsense").status_code == 400


def test_detail_members_and_posts(org: Organisation, client: Client) -> None:
    make_post(org, title="Hello", sponsored=True)
    detail = client.get(f"/api/v1/orgs/{org.slug}").json()
    assert detail["kind"] == "lab" and detail["verified"] is False
    roles = {
        m["username"]: m["role"] for m in client.get(f"/api/v1/orgs/{org.slug}/members").json()
    }
    assert roles == {
        "olivia_owner": "owner",
        "adam_admin": "admin",
        "mei_member": "member",
        "rui_recruiter": "recruiter",
    }
    (post,) = client.get(f"/api/v1/orgs/{org.slug}/posts").json()["items"]
    assert post["title"] == "Hello" and post["sponsored"] is True
    assert client.get("/api/v1/orgs/missing").status_code == 404


def test_only_managers_publish_and_the_cap_is_a_json_400(
    org: Organisation, people: dict[str, User], client: Client
) -> None:
    url = f"/api/v1/orgs/{org.slug}/posts"
    payload = {"kind": "product", "title": "Ad", "body": "Buy", "sponsored": True}
    anonymous = client.post(url, payload, content_type="application/json")
    assert anonymous.status_code == 401
    for role in ("member", "recruiter", "outsider"):
        refused = client.post(url, payload, content_type="application/json", **_auth(people[role]))
        assert refused.status_code == 403 and "message" in refused.json()
    admin = _auth(people["admin"])
    for _ in range(2):
        assert (
            client.post(url, payload, content_type="application/json", **admin).status_code == 201
        )
    capped = client.post(url, payload, content_type="application/json", **admin)
    assert capped.status_code == 400
    assert "every 30 days" in capped.json()["message"]
    assert capped.json()["errors"][0]["field"] == "sponsored"
    bad = client.post(
        url, {"kind": "x", "title": "", "body": ""}, content_type="application/json", **admin
    )
    assert bad.status_code == 400
    assert OrgPost.objects.count() == 2


def test_following_through_the_api_keeps_the_count(
    org: Organisation, people: dict[str, User], client: Client
) -> None:
    auth = _auth(people["outsider"])
    url = f"/api/v1/orgs/{org.slug}/follow"
    assert client.post(url, **auth).json() == {"following": True, "follower_count": 1}
    assert client.post(url, **auth).json() == {"following": True, "follower_count": 1}
    assert client.delete(url, **auth).json() == {"following": False, "follower_count": 0}
    assert client.post(url).status_code == 401
