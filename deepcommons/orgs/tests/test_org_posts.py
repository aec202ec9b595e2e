"""Publishing as an organisation, the Sponsored label, and the operators' cap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.orgs import services
from deepcommons.orgs.models import Organisation, OrgPost, OrgPromotionPolicy
from deepcommons.orgs.tests.factories import make_org, make_post

pytestmark = pytest.mark.django_db


def test_a_manager_publishes_and_everyone_reads_it_from_the_org(
    org: Organisation, clients: dict[str, Client]
) -> None:
    response = clients["admin"].post(
        f"/orgs/{org.slug}/posts/new/",
        {"kind": "release", "title": "Model v2 is out", "body": "Now with *tools*."},
    )
    post = OrgPost.objects.get()
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    html = Client().get(post.get_absolute_url()).content.decode()
    assert "Model v2 is out" in html and "<em>tools</em>" in html
    assert f'from <a href="/orgs/{org.slug}/">Deep Lab</a>' in html
    assert "Sponsored" not in html


def test_markdown_is_sanitised(org: Organisation, people: dict[str, User]) -> None:
    post = services.publish_org_post(
        org=org,
        by=people["owner"],
        kind="technology",
        title="x",
        body="<script>alert(1)</script> **bold**",
    )
    assert "<script>" not in post.body_html and "<strong>bold</strong>" in post.body_html


@pytest.mark.parametrize("role", ("member", "recruiter", "outsider"))
def test_non_managers_cannot_publish(role: str, org: Organisation, people: dict[str, User]) -> None:
    with pytest.raises(PermissionDenied):
        services.publish_org_post(org=org, by=people[role], kind="release", title="t", body="b")


def test_a_bad_post_reshows_the_form_with_the_text(
    org: Organisation, clients: dict[str, Client]
) -> None:
    response = clients["owner"].post(
        f"/orgs/{org.slug}/posts/new/", {"kind": "nonsense", "title": "Kept title", "body": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Kept title"' in html and "This field is required." in html
    assert not OrgPost.objects.exists()


def test_sponsored_posts_are_labelled_everywhere(
    org: Organisation, clients: dict[str, Client]
) -> None:
    post = make_post(org, title="Try our GPU cloud", sponsored=True)
    for path in (post.get_absolute_url(), f"/orgs/{org.slug}/posts/", f"/orgs/{org.slug}/"):
        assert "org-sponsored" in Client().get(path).content.decode(), path


def test_the_cap_refuses_the_third_sponsored_post_in_30_days(
    org: Organisation, people: dict[str, User], clients: dict[str, Client]
) -> None:
    assert OrgPromotionPolicy.current().max_sponsored_per_30_days == 2
    make_post(org, title="Ad one", sponsored=True)
    make_post(org, title="Ad two", sponsored=True)
    assert services.sponsored_left(org) == 0
    with pytest.raises(ValidationError) as refused:
        make_post(org, title="Ad three", sponsored=True)
    assert "allow 2 sponsored posts per organisation every 30 days" in str(refused.value)
    # Ordinary posts are not limited, and another organisation has its own allowance.
    make_post(org, title="Plain news")
    make_post(make_org(slug="other-lab", email_domain="other.example.org"), sponsored=True)
    # The page says so on the form, keeping what was typed.
    response = clients["owner"].post(
        f"/orgs/{org.slug}/posts/new/",
        {"kind": "product", "title": "Ad three", "body": "Buy", "sponsored": "on"},
    )
    assert response.status_code == 400
    assert "every 30 days" in response.content.decode()
    assert OrgPost.objects.filter(org=org, sponsored=True).count() == 2


def test_the_window_is_30_days_and_deleting_does_not_free_a_slot(
    org: Organisation, people: dict[str, User]
) -> None:
    old = make_post(org, title="Old ad", sponsored=True)
    OrgPost.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = make_post(org, title="Recent ad", sponsored=True)
    services.delete_org_post(post=recent, by=people["owner"])
    make_post(org, title="Second in window", sponsored=True)
    with pytest.raises(ValidationError):
        make_post(org, title="Third in window", sponsored=True)


def test_operators_change_the_cap(
    org: Organisation, people: dict[str, User], clients: dict[str, Client]
) -> None:
    for role in ("owner", "admin"):
        assert (
            clients[role]
            .post("/orgs/promotion-policy/", {"max_sponsored_per_30_days": 9})
            .status_code
            == 403
        )
    response = clients["operator"].post(
        "/orgs/promotion-policy/", {"max_sponsored_per_30_days": "-1"}
    )
    assert response.status_code == 400
    clients["operator"].post("/orgs/promotion-policy/", {"max_sponsored_per_30_days": "0"})
    assert OrgPromotionPolicy.current().max_sponsored_per_30_days == 0
    with pytest.raises(ValidationError, match="allow 0 sponsored"):
        make_post(org, sponsored=True)


def test_managers_delete_posts_and_others_cannot(
    org: Organisation, clients: dict[str, Client]
) -> None:
    post = make_post(org)
    url = f"/orgs/{org.slug}/posts/{post.pk}/delete/"
    assert clients["member"].post(url).status_code == 403
    assert clients["admin"].post(url).status_code == 302
    assert Client().get(post.get_absolute_url()).status_code == 404
