"""/badges/ and /badges/<slug>/: criteria, holders, keyset pages, both languages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import session_queries
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_question
from deepcommons.reputation.models import BadgeAward
from deepcommons.reputation.services.badges import award_badges
from deepcommons.social.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tags(db: None) -> None:
    """The tags the posts use exist already: creating one is a privilege."""
    from deepcommons.spaces.models import Tag as _Tag

    for name in ("pytorch", "cuda"):
        _Tag.objects.get_or_create(name=name)


def award(user: User, slug: str, **extra: Any) -> BadgeAward:
    suffix = f":{extra['post'].pk}" if "post" in extra else ""
    return BadgeAward.objects.create(
        user=user, badge=slug, key=f"{slug}:{user.pk}{suffix}", **extra
    )


def test_the_list_groups_badges_by_class_with_criteria_and_holder_counts(
    client: Client, alice: User, bob: User
) -> None:
    award(alice, "student")
    award(bob, "student")
    html = client.get("/badges/").content.decode()
    assert html.index("Gold") < html.index("Silver") < html.index("Bronze")
    assert "Asked a first question." in html
    assert 'href="/badges/student/"' in html
    row = html[html.index('href="/badges/student/"') :]
    assert "<td>2</td>" in row[: row.index("</tr>")]


def test_the_list_is_translated(client: Client) -> None:
    html = client.get("/badges/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    # The catalogue strings of this page are compiled by the lead from tools/zh_i13_badges.py.
    assert '<html lang="zh-Hans"' in html and 'href="/badges/student/"' in html


@pytest.mark.parametrize("who", ["anonymous", "alice", "bob"])
def test_everyone_sees_the_same_badge_page(
    client: Client, alice: User, bob: User, who: str
) -> None:
    award(alice, "student")
    if who != "anonymous":
        client.force_login(alice if who == "alice" else bob)
    response = client.get("/badges/student/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Asked a first question." in html and alice.name in html
    assert "1 member holds this badge." in html


def test_an_unknown_badge_is_a_404(client: Client) -> None:
    assert client.get("/badges/no-such-badge/").status_code == 404


def test_per_post_awards_link_their_post_and_hide_deleted_ones(client: Client, alice: User) -> None:
    live = make_question(author=alice, title="A live question")
    gone = make_question(author=alice, title="A deleted question")
    Post.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    award(alice, "nice-question", post=live)
    award(alice, "nice-question", post=gone)
    html = client.get("/badges/nice-question/").content.decode()
    assert "A live question" in html and "A deleted question" not in html


def test_tag_badges_name_their_tag(client: Client, alice: User) -> None:
    from deepcommons.spaces.models import Tag

    tag = Tag.objects.create(name="jax")
    BadgeAward.objects.create(
        user=alice, badge="tag-bronze", tag=tag, key=f"tag-bronze:{alice.pk}:{tag.pk}"
    )
    html = client.get("/badges/tag-bronze/").content.decode()
    assert 'href="/tags/jax/"' in html


def test_holders_come_in_keyset_pages_and_a_bad_cursor_gives_page_one(client: Client) -> None:
    now = timezone.now()
    members = UserFactory.create_batch(55)
    BadgeAward.objects.bulk_create(
        BadgeAward(
            user=u, badge="student", key=f"student:{u.pk}", awarded_at=now - timedelta(minutes=i)
        )
        for i, u in enumerate(members)
    )
    first = client.get("/badges/student/")
    page = first.context["page"]
    assert len(page.items) == 50 and page.next_cursor
    second = client.get(f"/badges/student/?cursor={page.next_cursor}", HTTP_HX_REQUEST="true")
    assert len(second.context["awards"]) == 5
    assert "<html" not in second.content.decode()
    assert client.get("/badges/student/?cursor=garbage").status_code == 200


@pytest.mark.parametrize("signed_in", [False, True])
def test_query_counts_do_not_grow_with_badges_or_holders(
    django_assert_num_queries: Any, client: Client, alice: User, signed_in: bool
) -> None:
    if signed_in:
        client.force_login(alice)
    # Signed in: the session, the viewer and their unread-notification count.
    extra = 2 + session_queries() if signed_in else 0
    award(alice, "student")
    client.get("/badges/")
    with django_assert_num_queries(1 + extra):
        client.get("/badges/")
    with django_assert_num_queries(2 + extra):
        client.get("/badges/student/")
    for member in UserFactory.create_batch(10):
        award(member, "student")
        award(member, "teacher")
    with django_assert_num_queries(1 + extra):
        client.get("/badges/")
    with django_assert_num_queries(2 + extra):
        client.get("/badges/student/")


def test_the_badge_notification_renders_in_the_list(alice: User, alice_client: Client) -> None:
    make_question(author=alice)
    award_badges(badges=["student"])
    assert Notification.objects.filter(recipient=alice, kind="badge").exists()
    html = alice_client.get("/notifications/").content.decode()
    assert "You earned the <strong>Student</strong> badge." in html
