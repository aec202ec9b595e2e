"""The anti-abuse rate limits, through pages and the API.

Run on SQLite with the locmem cache, and on PostgreSQL with Redis:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/0
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from deepcommons.accounts.models import User
from deepcommons.accounts.services import create_api_token
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.moderation.abuse import rates
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_question
from deepcommons.spaces.tests.factories import TagFactory

pytestmark = [pytest.mark.real_rate_limits, pytest.mark.django_db]

ASK = reverse("posts:question-create")
NO_GAP = {"post_interval": {"tl0": None, "tl2": None}}


@pytest.fixture(autouse=True)
def _tag(db: None) -> None:
    TagFactory(name="pytorch")


def ask(client: Client, n: int, **extra: Any) -> Any:
    return client.post(
        ASK, {"title": f"Question number {n}", "body": f"Body {n}", "tags": "pytorch"}, **extra
    )


def veteran(username: str, level: int = 0) -> User:
    user = UserFactory.create(username=username, trust_level=level)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=30))
    user.refresh_from_db()
    return user


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_new_member_may_open_three_topics_on_the_first_day(
    alice_client: Client, settings: Any
) -> None:
    settings.ABUSE_RATE_LIMITS = NO_GAP
    for n in range(3):
        assert ask(alice_client, n).status_code == 302
    response = ask(alice_client, 3)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 86400
    assert "You have used your 3 new topics per day." in response.content.decode()
    assert Post.objects.filter(kind=Kind.QUESTION).count() == 3


def test_after_the_first_day_a_new_member_gets_twenty_topics_a_day(settings: Any) -> None:
    settings.ABUSE_RATE_LIMITS = {**NO_GAP, "topic": {"tl0": "4/d"}}
    assert rates.DEFAULT_RATES["topic"]["tl0"] == "20/d"
    client = login(veteran("dora"))
    for n in range(4):
        assert ask(client, n).status_code == 302
    assert "You have used your 4 new topics per day." in ask(client, 4).content.decode()


def test_new_member_may_post_ten_answers_on_the_first_day(
    alice_client: Client, bob: User, settings: Any
) -> None:
    settings.ABUSE_RATE_LIMITS = NO_GAP
    question = make_question(author=bob)
    url = reverse("posts:answer-create", args=[question.pk])
    for n in range(10):
        assert alice_client.post(url, {"body": f"Answer {n}"}).status_code == 302
    response = alice_client.post(url, {"body": "One answer too many"})
    assert response.status_code == 429
    assert Post.objects.filter(kind=Kind.ANSWER).count() == 10


def test_thirty_seconds_between_posts_below_trust_level_two(alice_client: Client) -> None:
    with freeze_time() as frozen:
        assert ask(alice_client, 1).status_code == 302
        response = ask(alice_client, 2)
        assert response.status_code == 429
        assert int(response["Retry-After"]) == 30
        assert "Please wait 30 seconds between posts." in response.content.decode()
        frozen.tick(timedelta(seconds=31))
        assert ask(alice_client, 3).status_code == 302


def test_ten_seconds_between_posts_from_trust_level_two() -> None:
    client = login(veteran("erin", level=2))
    with freeze_time() as frozen:
        assert ask(client, 1).status_code == 302
        response = ask(client, 2)
        assert response.status_code == 429
        assert int(response["Retry-After"]) == 10
        frozen.tick(timedelta(seconds=11))
        assert ask(client, 3).status_code == 302


def test_refused_posts_do_not_use_up_the_allowance(alice_client: Client) -> None:
    # A form with errors (400) is not a post: the member may fix it at once.
    assert alice_client.post(ASK, {"title": "No tags", "body": "x", "tags": ""}).status_code == 400
    assert ask(alice_client, 1).status_code == 302


def test_visitors_posts_are_sent_to_log_in_and_not_counted(
    client: Client, alice_client: Client, settings: Any
) -> None:
    settings.ABUSE_RATE_LIMITS = {**NO_GAP, "topic": {"first_day": "3/d", "ip": "1/h"}}
    for n in range(3):
        assert "/accounts/login/" in ask(client, n)["Location"]
    assert ask(alice_client, 1).status_code == 302


def test_reads_never_count(alice_client: Client) -> None:
    for _ in range(5):
        assert alice_client.get(ASK).status_code == 200
    assert ask(alice_client, 1).status_code == 302


def test_the_429_page_keeps_the_typed_text_in_a_form_that_sends_it_again(
    alice_client: Client,
) -> None:
    assert ask(alice_client, 1).status_code == 302
    body = "A long question body\nwith several lines that the member typed."
    response = alice_client.post(ASK, {"title": "My title", "body": body, "tags": "pytorch"})
    assert response.status_code == 429
    content = response.content.decode()
    assert f'name="body" rows="12">{body}</textarea>' in content
    assert 'name="title" value="My title"' in content
    assert 'name="tags" value="pytorch"' in content
    assert f'action="{ASK}"' in content


def test_an_htmx_429_is_a_notice_aimed_before_the_form(alice_client: Client, bob: User) -> None:
    question = make_question(author=bob)
    url = reverse("posts:comment-create", args=[question.pk])
    assert (
        alice_client.post(url, {"body": "First comment"}, HTTP_HX_REQUEST="true").status_code == 200
    )
    response = alice_client.post(url, {"body": "Second comment"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert response["HX-Retarget"] == "this" and response["HX-Reswap"] == "beforebegin"
    assert int(response["Retry-After"]) in (29, 30)
    content = response.content.decode()
    assert "rate-limit-notice" in content and "between posts" in content
    # Nothing that would replace the form (and the text in it) comes back.
    assert "<textarea" not in content and "<form" not in content and "<html" not in content


def test_the_429_page_is_shown_in_chinese(alice_client: Client) -> None:
    assert ask(alice_client, 1).status_code == 302
    response = ask(alice_client, 2, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 429
    assert '<html lang="zh-Hans"' in response.content.decode()


def test_the_api_answers_429_with_a_json_message(settings: Any) -> None:
    settings.ABUSE_RATE_LIMITS = NO_GAP
    _token, key = create_api_token(user=UserFactory.create(username="fay"), name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def create(n: int) -> Any:
        data = {"title": f"API question {n}", "body": "Body", "tags": ["pytorch"]}
        return client.post("/api/v1/questions", data, content_type="application/json")

    for n in range(3):
        assert create(n).status_code == 201
    response = create(3)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "3 new topics per day" in response.json()["message"]
    assert int(response["Retry-After"]) == response.json()["retry_after"] > 0


def test_the_api_and_the_pages_share_one_counter(alice_client: Client, settings: Any) -> None:
    settings.ABUSE_RATE_LIMITS = NO_GAP
    for n in range(2):
        assert ask(alice_client, n).status_code == 302
    data = {"title": "Third, by API", "body": "Body", "tags": ["pytorch"]}
    assert (
        alice_client.post("/api/v1/questions", data, content_type="application/json").status_code
        == 201
    )
    data["title"] = "Fourth, by API"
    assert (
        alice_client.post("/api/v1/questions", data, content_type="application/json").status_code
        == 429
    )


def test_votes_are_limited_per_day_by_trust_level(settings: Any) -> None:
    settings.ABUSE_RATE_LIMITS = {"vote": {"tl0": "2/d", "tl2": "3/d"}}
    author = UserFactory.create(reputation=100)
    posts = [make_question(author=author, title=f"Question {n} here") for n in range(4)]
    voter = veteran("gail", level=0)
    User.objects.filter(pk=voter.pk).update(reputation=100)
    client = login(voter)
    codes = [
        client.post(reverse("posts:post-vote", args=[p.pk]), {"value": 1}).status_code
        for p in posts
    ]
    assert codes == [302, 302, 429, 429]
    assert (
        "You have used your 2 votes per day."
        in client.post(
            reverse("posts:post-vote", args=[posts[3].pk]), {"value": 1}
        ).content.decode()
    )


def test_default_vote_allowance_grows_with_trust() -> None:
    assert [rates.member_rate("vote", veteran(f"v{tl}", tl)) for tl in range(5)] == [
        ("tl0", "50/d"),
        ("tl0", "50/d"),
        ("tl2", "75/d"),
        ("tl3", "100/d"),
        ("tl4", "150/d"),
    ]
    assert rates.member_rate("flag", veteran("flagger")) == ("tl0", "10/d")
    newbie = UserFactory.create(username="newbie")
    assert rates.member_rate("message", newbie) == ("first_day", "20/h")


def test_five_registrations_per_address_an_hour(client: Client, db: None) -> None:
    url = reverse("account_signup")

    def signup(n: int) -> Any:
        return client.post(
            url,
            {
                "email": f"new{n}@example.com",
                "username": f"newcomer{n}",
                "password1": "a-long-enough-password",
                "password2": "a-long-enough-password",
            },
        )

    for n in range(5):
        assert signup(n).status_code == 302
        client.logout()
    response = signup(5)
    assert response.status_code == 429
    assert "This address has used its 5 new accounts per hour." in response.content.decode()
    assert not User.objects.filter(username="newcomer5").exists()


def test_limits_are_per_member_as_well_as_per_address(settings: Any, bob: User) -> None:
    settings.ABUSE_RATE_LIMITS = {**NO_GAP, "topic": {"first_day": "1/d", "ip": "3/h"}}
    clients = [login(UserFactory.create(username=f"m{n}")) for n in range(4)]
    assert ask(clients[0], 0).status_code == 302
    assert ask(clients[0], 1).status_code == 429  # the member's own limit
    assert ask(clients[1], 2).status_code == 302
    assert ask(clients[2], 3).status_code == 302
    assert ask(clients[3], 4).status_code == 429  # the address's limit


def test_moderators_are_never_limited(settings: Any) -> None:
    staff = UserFactory.create(username="mod", is_staff=True)
    client = login(staff)
    for n in range(5):
        assert ask(client, n).status_code == 302


def test_limits_can_be_switched_off(alice_client: Client, settings: Any) -> None:
    settings.ABUSE_RATE_LIMITS_ENABLED = False
    for n in range(5):
        assert ask(alice_client, n).status_code == 302
