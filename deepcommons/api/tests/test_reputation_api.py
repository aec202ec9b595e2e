"""Badges, leaderboards and reputation history through the API: same reads
as the pages, cursors, and JSON 400s for bad parameters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.reputation.models import BadgeAward, Reason, ReputationChange
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tags(db: None) -> None:
    Tag.objects.get_or_create(name="pytorch")


def gain(user: User, amount: int, *, post: Post | None = None, minutes_ago: int = 0) -> None:
    ReputationChange.objects.create(
        user=user,
        amount=amount,
        reason=Reason.UPVOTED,
        key=f"t:{user.pk}:{amount}:{minutes_ago}",
        post=post,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_the_badge_list_gives_every_badge_with_its_holders(client: Client, alice: User) -> None:
    BadgeAward.objects.create(user=alice, badge="student", key=f"student:{alice.pk}")
    badges = client.get("/api/v1/badges").json()
    assert len(badges) >= 25 and badges[0]["level"] == "gold"
    student = next(b for b in badges if b["slug"] == "student")
    assert student["holders"] == 1 and student["description"] == "Asked a first question."


def test_a_badges_holders_come_in_cursor_pages(client: Client) -> None:
    now = timezone.now()
    members = UserFactory.create_batch(55)
    BadgeAward.objects.bulk_create(
        BadgeAward(
            user=u, badge="student", key=f"student:{u.pk}", awarded_at=now - timedelta(seconds=i)
        )
        for i, u in enumerate(members)
    )
    first = client.get("/api/v1/badges/student/holders").json()
    assert len(first["items"]) == 50 and first["items"][0]["username"] == members[0].username
    second = client.get(f"/api/v1/badges/student/holders?cursor={first['next_cursor']}").json()
    assert len(second["items"]) == 5 and second["next_cursor"] is None
    bad = client.get("/api/v1/badges/student/holders?cursor=garbage")
    assert bad.status_code == 400 and "message" in bad.json()
    assert client.get("/api/v1/badges/nope/holders").status_code == 404


def test_a_members_badges_and_counts(client: Client, alice: User) -> None:
    BadgeAward.objects.create(user=alice, badge="student", key=f"student:{alice.pk}")
    User.objects.filter(pk=alice.pk).update(bronze_badges=1)
    data = client.get(f"/api/v1/users/{alice.username}/badges").json()
    assert data["bronze"] == 1 and data["badges"] == [
        {"slug": "student", "name": "Student", "level": "bronze", "count": 1}
    ]
    assert client.get("/api/v1/users/nobody-here/badges").status_code == 404


def test_the_leaderboard_matches_the_page(client: Client, alice: User, bob: User) -> None:
    gain(alice, 10)
    gain(bob, 30)
    data = client.get("/api/v1/leaderboards?period=all").json()
    assert [(row["username"], row["value"]) for row in data] == [("bob", 30), ("alice", 10)]
    page = client.get("/leaderboards/?period=all").context["entries"]
    assert [e.user.username for e in page] == [row["username"] for row in data]


@pytest.mark.parametrize("query", ["period=decade", "space=no-such-space", "tag=no-such-tag"])
def test_bad_leaderboard_parameters_are_a_json_400(client: Client, query: str) -> None:
    response = client.get(f"/api/v1/leaderboards?{query}")
    assert response.status_code == 400 and response.json()["message"]


def test_a_tags_top_answerers(client: Client, alice: User) -> None:
    question = make_question(tags="pytorch")
    Post.objects.filter(pk=make_answer(question, author=alice).pk).update(score=4)
    data = client.get("/api/v1/tags/pytorch/top-answerers?days=30").json()
    assert data == [
        {
            "rank": 1,
            "username": alice.username,
            "display_name": alice.display_name,
            "value": 4,
            "answers": 1,
        }
    ]
    assert client.get("/api/v1/tags/pytorch/top-answerers?days=-1").status_code == 400
    assert client.get("/api/v1/tags/pytorch/top-answerers?days=x").status_code == 422


@pytest.mark.parametrize("who", ["anonymous", "owner", "other"])
def test_a_members_history_is_public_and_hides_deleted_posts(
    client: Client, alice: User, bob: User, who: str
) -> None:
    live = make_question(author=alice)
    gone = make_question(author=alice)
    gain(alice, 10, post=live, minutes_ago=2)
    gain(alice, 5, post=gone, minutes_ago=1)
    Post.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    if who != "anonymous":
        client.force_login(alice if who == "owner" else bob)
    data = client.get(f"/api/v1/users/{alice.username}/reputation").json()
    assert [(r["amount"], r["post_id"]) for r in data["items"]] == [(5, None), (10, live.pk)]
    assert data["items"][1]["post_url"] == live.get_absolute_url()


def test_history_pages_with_a_cursor(client: Client, alice: User) -> None:
    for i in range(51):
        gain(alice, 1, minutes_ago=i)
    first = client.get(f"/api/v1/users/{alice.username}/reputation").json()
    second = client.get(
        f"/api/v1/users/{alice.username}/reputation?cursor={first['next_cursor']}"
    ).json()
    assert len(first["items"]) == 50 and len(second["items"]) == 1
    bad = client.get(f"/api/v1/users/{alice.username}/reputation?cursor=%00%ff")
    assert bad.status_code == 400
