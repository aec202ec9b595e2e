"""The API's post lists show what the list pages show: same rows, same order,
same next page, for every sort and period, a space, and a tag by its synonym."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.querysets import SORT_FIELDS, TOP_PERIODS
from deepcommons.posts.tests.factories import make_answer, make_post
from deepcommons.spaces.models import TagSynonym
from deepcommons.spaces.tests.factories import SpaceFactory, TagFactory

SORTS = list(SORT_FIELDS)
PLURAL = {
    Kind.QUESTION: "questions",
    Kind.DISCUSSION: "discussions",
    Kind.ARTICLE: "articles",
    Kind.TUTORIAL: "tutorials",
}
# Ages that fall in every TOP_PERIODS window and outside each of them.
AGES = [timedelta(hours=2), timedelta(days=3), timedelta(days=20), timedelta(days=200)]


def _page(client: Client, url: str, params: dict[str, str]) -> tuple[list[int], str | None]:
    response = client.get(url, params)
    assert response.status_code == 200, (url, params)
    content = response.content.decode()
    ids = [int(i) for i in re.findall(r'<h3><a href="/[a-z]+/(\d+)/', content)]
    match = re.search(r'href="[^"]*cursor=([A-Za-z0-9_-]+)[^"]*" rel="next"', content)
    return ids, match.group(1) if match else None


def _api(client: Client, url: str, params: dict[str, str]) -> tuple[list[int], str | None]:
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.content)
    data = response.json()
    return [item["id"] for item in data["items"]], data["next_cursor"]


def _assert_same_two_pages(
    client: Client, page_url: str, api_url: str, params: dict[str, str]
) -> list[int]:
    """Both lists' first page, then each one's next page by its own cursor."""
    page_ids, page_cursor = _page(client, page_url, params)
    api_ids, api_cursor = _api(client, api_url, params)
    assert api_ids == page_ids, (page_url, params)
    assert api_cursor == page_cursor, (page_url, params)
    if page_cursor is None:
        return page_ids
    page_next, _ = _page(client, page_url, {**params, "cursor": page_cursor})
    api_next, _ = _api(client, api_url, {**params, "cursor": page_cursor})
    assert api_next == page_next, (page_url, params, "page 2")
    assert set(page_next).isdisjoint(page_ids)
    return page_ids + page_next


@pytest.fixture
def threads(alice: User, bob: User, charlie: User) -> dict[str, Post]:
    """26 questions of different ages, scores (with ties), activity and
    answers, half in a space and tagged `pytorch` (synonym `torch`); two of
    each other kind; a deleted question of alice's."""
    space = SpaceFactory(slug="cv")
    TagSynonym.objects.create(name="torch", tag=TagFactory(name="pytorch"))
    now = timezone.now()
    questions = []
    for i in range(26):
        in_space = i % 2 == 0
        question = make_post(
            Kind.QUESTION,
            author=alice if i % 3 else bob,
            title=f"question {i}",
            body="text",
            tags="pytorch" if in_space else "jax",
            space=space if in_space else None,
        )
        created = now - AGES[i % len(AGES)] - timedelta(minutes=i)
        Post.objects.filter(pk=question.pk).update(
            created_at=created,
            last_activity_at=created + timedelta(minutes=(i * 7) % 30),
            score=i % 5,  # ties, broken by pk
            hot=float((i * 13) % 11),
        )
        questions.append(question)
    make_answer(questions[1], author=charlie)  # still unanswered: not upvoted
    services.vote(post=make_answer(questions[2], author=charlie), user=bob, value=1)
    services.accept_answer(answer=make_answer(questions[3], author=charlie), by=bob)
    services.delete_post(post=questions[4], by=alice)
    for kind in (Kind.DISCUSSION, Kind.ARTICLE, Kind.TUTORIAL):
        for j in range(2):
            make_post(kind, author=bob, title=f"{kind} {j}", body="text", space=space)
    return {"deleted": questions[4]}


@pytest.mark.parametrize("who", ["anonymous", "alice", "charlie"])
def test_question_lists_match_for_every_sort_and_period(
    who: str, threads: dict[str, Post], client: Client, alice_client: Client, charlie_client: Client
) -> None:
    viewer = {"anonymous": client, "alice": alice_client, "charlie": charlie_client}[who]
    page_url, api_url = reverse("posts:question-list"), "/api/v1/questions"
    for sort in SORTS:
        periods = list(TOP_PERIODS) if sort == "top" else ["week"]
        for period in periods:
            ids = _assert_same_two_pages(
                viewer, page_url, api_url, {"sort": sort, "period": period}
            )
            assert ids, (sort, period)
            # alice sees her own deleted question; nobody else does.
            assert (threads["deleted"].pk in ids) == (who == "alice"), (sort, period)


def test_the_defaults_match(threads: dict[str, Post], client: Client) -> None:
    _assert_same_two_pages(client, reverse("posts:question-list"), "/api/v1/questions", {})
    _assert_same_two_pages(
        client, reverse("posts:question-list"), "/api/v1/questions", {"sort": "top"}
    )


def test_a_tag_given_by_its_synonym_lists_the_tag(
    threads: dict[str, Post], client: Client, bob_client: Client
) -> None:
    page_url = reverse("posts:tag-detail", kwargs={"tag_name": "pytorch"})
    for viewer in (client, bob_client):
        for sort in SORTS:
            for period in list(TOP_PERIODS) if sort == "top" else ["week"]:
                params = {"sort": sort, "period": period}
                page_ids, _ = _page(viewer, page_url, {**params, "kind": "question"})
                for tag in ("torch", "TORCH", "pytorch"):
                    api_ids, _ = _api(viewer, "/api/v1/questions", {**params, "tag": tag})
                    assert api_ids == page_ids, (sort, period, tag)
                if sort == "latest":
                    assert len(page_ids) == 12  # 13 tagged, one deleted


def test_a_space_lists_the_same(threads: dict[str, Post], client: Client) -> None:
    page_url = reverse("posts:space-detail", kwargs={"space_slug": "cv"})
    for kind, plural in PLURAL.items():
        for sort in SORTS:
            params = {"sort": sort, "period": "all"}
            page_ids, _ = _page(client, page_url, {**params, "kind": kind})
            api_ids, _ = _api(client, f"/api/v1/{plural}", {**params, "space": "cv"})
            assert api_ids == page_ids, (kind, sort)


def test_other_kinds_match_for_every_sort(threads: dict[str, Post], bob_client: Client) -> None:
    for kind, plural in PLURAL.items():
        page_url = reverse(f"posts:{kind}-list")
        for sort in SORTS:
            ids = _assert_same_two_pages(
                bob_client, page_url, f"/api/v1/{plural}", {"sort": sort, "period": "all"}
            )
            if kind != Kind.QUESTION:
                assert len(ids) == (0 if sort == "unanswered" else 2), (kind, sort)


def test_unknown_tag_or_space_is_an_empty_list(threads: dict[str, Post], client: Client) -> None:
    assert _api(client, "/api/v1/questions", {"tag": "nope"}) == ([], None)
    assert _api(client, "/api/v1/questions", {"space": "nope"}) == ([], None)


def test_unknown_period_is_a_400(client: Client, db: None) -> None:
    response = client.get("/api/v1/questions", {"sort": "top", "period": "decade"})
    assert response.status_code == 400
    assert "period must be one of" in response.json()["message"]


def _api_queries(client: Client, url: str) -> int:
    client.get(url)  # the first signed-in request also refreshes the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_api_list_query_count_does_not_grow_with_rows(
    alice_client: Client, client: Client, alice: User
) -> None:
    urls = ["/api/v1/questions?sort=top&period=all", "/api/v1/questions?tag=torch"]
    TagSynonym.objects.create(name="torch", tag=TagFactory(name="pytorch"))
    make_post(Kind.QUESTION, author=alice, title="first", body="text", tags="pytorch extra")
    few = [_api_queries(who, url) for who in (client, alice_client) for url in urls]
    for i in range(24):
        make_post(Kind.QUESTION, author=alice, title=f"more {i}", body="text", tags=f"pytorch t{i}")
    many = [_api_queries(who, url) for who in (client, alice_client) for url in urls]
    assert few == many
