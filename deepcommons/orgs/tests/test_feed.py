"""Organisation posts enter their followers' feeds, from the organisation."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.orgs import services
from deepcommons.orgs.feed import org_posts_feed
from deepcommons.orgs.models import Organisation
from deepcommons.orgs.tests.factories import make_org, make_post
from deepcommons.social.feed import FeedCursor, build_feed

pytestmark = pytest.mark.django_db


def test_followers_see_posts_of_followed_orgs_only(
    org: Organisation, people: dict[str, User], clients: dict[str, Client]
) -> None:
    other = make_org(slug="quiet-lab", email_domain="quiet.example.org")
    follower = people["outsider"]
    services.follow_org(user=follower, org=org)
    make_post(org, title="Followed org news")
    make_post(other, title="Unfollowed org news")
    make_post(org, title="Paid placement", sponsored=True)
    html = clients["outsider"].get("/feed/").content.decode()
    assert "Followed org news" in html and "Unfollowed org news" not in html
    assert f'from <a href="/orgs/{org.slug}/">Deep Lab</a>' in html
    assert "org-sponsored" in html
    assert "Followed org news" not in clients["member"].get("/feed/").content.decode()


def test_the_source_pages_by_cursor_without_repeats(
    org: Organisation, people: dict[str, User]
) -> None:
    follower = people["outsider"]
    services.follow_org(user=follower, org=org)
    posts = [make_post(org, title=f"Post {i}") for i in range(5)]
    first = build_feed(user=follower, cursor=None, limit=3)
    assert first.next_cursor is not None
    second = build_feed(user=follower, cursor=first.next_cursor, limit=3)
    titles = [
        i.data["title"] for i in [*first.items, *second.items] if i.key.startswith("orgpost:")
    ]
    assert titles == [p.title for p in reversed(posts)]
    later = org_posts_feed(
        follower, FeedCursor(posts[0].created_at, f"orgpost:{posts[0].pk:012d}"), 10
    )
    assert later == []


def test_deleted_posts_and_unfollowed_orgs_leave_the_feed(
    org: Organisation, people: dict[str, User]
) -> None:
    follower = people["outsider"]
    services.follow_org(user=follower, org=org)
    post = make_post(org, title="Soon gone")
    services.delete_org_post(post=post, by=people["owner"])
    make_post(org, title="Still here")
    assert [i.data["title"] for i in org_posts_feed(follower, None, 10)] == ["Still here"]
    services.unfollow_org(user=follower, org=org)
    assert org_posts_feed(follower, None, 10) == []
