"""The content-health page: unanswered questions by age, duplicates, flags, tag trends."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import session_queries
from deepcommons.moderation.models import Flag
from deepcommons.ops.models import Snapshot
from deepcommons.ops.services.recompute import recompute_snapshots, space_scope
from deepcommons.ops.snapshots.health import similar_pairs
from deepcommons.posts.models import Post, Status
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.spaces.models import Space
from deepcommons.spaces.tests.factories import SpaceFactory, TagFactory

pytestmark = pytest.mark.django_db

URL = "/ops/health/"
#: A page view, net of the session's read.
QUERIES = 6


def ask(title: str, *, space: Space | None = None, days_ago: float = 0, tags: str = "t") -> Post:
    post = make_question(title=title, space=space, tags=tags)
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    post.refresh_from_db()
    return post


def health(scope: str = "") -> dict[str, Any]:
    recompute_snapshots(names=["health"])
    snapshot = Snapshot.objects.for_page("health", scope)
    assert snapshot is not None
    return snapshot.data


@pytest.fixture(autouse=True)
def _tags(db: None) -> None:
    for name in ("t", "jax", "keras", "flat"):
        TagFactory.create(name=name)


# --- who may see it -------------------------------------------------------------
@pytest.mark.parametrize("who", ["anonymous", "member", "moderator"])
def test_the_page_is_not_found_for_everyone_but_operators(
    who: str, role_clients: dict[str, Client | None]
) -> None:
    client = role_clients[who] or Client()
    assert client.get(URL).status_code == 404
    assert client.get("/ops/charts/health/flags.json").status_code == 404
    assert client.get("/ops/health/oldest.csv").status_code == 404


def test_operators_and_administrators_see_the_page(
    operator_client: Client, admin_client_ops: Client
) -> None:
    for client in (operator_client, admin_client_ops):
        response = client.get(URL)
        assert response.status_code == 200
        assert "Content health" in response.content.decode()


def test_without_a_snapshot_the_page_says_why(operator_client: Client) -> None:
    body = operator_client.get(URL).content.decode()
    assert "have not been computed yet" in body


# --- unanswered ---------------------------------------------------------------------
def test_unanswered_questions_land_in_their_age_buckets(operator_client: Client) -> None:
    space = SpaceFactory.create(slug="vision", name_en="Vision")
    ask("Fresh question about convolutions", space=space, days_ago=0.5)
    ask("Ten-day-old question about pooling", space=space, days_ago=10)
    ask("Ancient question about strides", space=space, days_ago=100)
    answered = ask("Answered question about padding", space=space, days_ago=3)
    answer = make_answer(answered)
    Post.objects.filter(pk=answered.pk).update(accepted_answer=answer)
    held = ask("Held question nobody may read", space=space, days_ago=2)
    Post.objects.filter(pk=held.pk).update(status=Status.HELD)
    deleted = ask("Deleted question", space=space, days_ago=2)
    Post.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())

    data = health()["unanswered"]
    assert data["total"] == 3
    (row,) = data["spaces"]
    assert row["slug"] == "vision"
    assert row["counts"] == [1, 0, 1, 0, 1]
    assert [q["title"] for q in data["oldest"]] == [
        "Ancient question about strides",
        "Ten-day-old question about pooling",
        "Fresh question about convolutions",
    ]

    body = operator_client.get(URL).content.decode()
    assert "Ancient question about strides" in body
    assert "100 days old" in body and "10 days old" in body and "12 hours old" in body
    assert f'href="/questions/{answered.pk}/"' not in body
    assert "Held question nobody may read" not in body
    assert "Deleted question" not in body
    assert 'data-unanswered-total="3"' in body


def test_a_question_with_an_upvoted_answer_is_not_unanswered() -> None:
    question = ask("Upvoted answer question", days_ago=1.5)
    answer = make_answer(question)
    Post.objects.filter(pk=answer.pk).update(score=2)
    assert health()["unanswered"]["total"] == 0


def test_a_space_with_no_questions_explains_its_empty_sections(operator_client: Client) -> None:
    SpaceFactory.create(slug="quiet", name_en="Quiet")
    ask("A question elsewhere", days_ago=5)
    health()
    body = operator_client.get(URL + "?space=quiet").content.decode()
    assert "Every open question has an answer" in body
    assert "No two recent questions look alike" in body
    assert "No one has ever flagged anything here" in body
    assert "No tag gained enough posts" in body
    assert "A question elsewhere" not in body


def test_the_lists_download_as_csv_for_the_page_s_space(operator_client: Client) -> None:
    space = SpaceFactory.create(slug="rl", name_en="Reinforcement")
    ask("Why does my agent never explore?", space=space, days_ago=12)
    ask("A question in no space", days_ago=1)
    assert operator_client.get("/ops/health/oldest.csv").status_code == 404  # not computed
    health()
    response = operator_client.get("/ops/health/oldest.csv", {"space": "rl"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="health-oldest-rl.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "space,question title,link,asked (UTC),age (days)"
    assert len(lines) == 2 and lines[1].startswith("Reinforcement,Why does my agent never explore?")
    assert operator_client.get("/ops/health/nothing.csv").status_code == 404
    body = operator_client.get(URL, {"space": "rl"}).content.decode()
    assert 'href="/ops/health/oldest.csv?space=rl"' in body


# --- duplicates -----------------------------------------------------------------------
def test_titles_that_look_alike_are_paired_and_others_are_not() -> None:
    titles = [
        "Why does my loss become NaN during training?",
        "How to bake sourdough bread at home",
        "Why does my loss become NaN while training?",
        "为什么训练时损失变成 NaN？",
        "为什么训练时损失会变成 NaN？",
    ]
    pairs = {(i, j) for i, j, _c in similar_pairs(titles, threshold=0.6, limit=10)}
    assert pairs == {(0, 2), (3, 4)}


def test_likely_duplicates_leave_out_pairs_already_closed_as_duplicates(
    operator_client: Client,
) -> None:
    older = ask("Why does my loss become NaN during training?", days_ago=3)
    newer = ask("Why does my loss become NaN while training?", days_ago=1)
    ask("How to bake sourdough bread at home", days_ago=2)
    closed_a = ask("CUDA out of memory with a small batch size", days_ago=4)
    closed_b = ask("CUDA out of memory with a small batch", days_ago=2)
    Post.objects.filter(pk=closed_b.pk).update(
        closed_at=timezone.now(), close_reason="duplicate", duplicate_of=closed_a
    )

    pairs = health()["duplicates"]["pairs"]
    assert [(p["older"], p["newer"]) for p in pairs] == [(older.pk, newer.pk)]
    body = operator_client.get(URL).content.decode()
    assert f'href="/questions/{older.pk}/"' in body and f'href="/questions/{newer.pk}/"' in body


# --- flags and moderation -------------------------------------------------------------
def test_flags_are_counted_by_week_and_reason(operator_client: Client) -> None:
    post = ask("A spammy question", days_ago=20)
    flagger = UserFactory.create()
    for days_ago, reason in ((0, "spam"), (0, "spam"), (0, "low_quality"), (14, "spam")):
        flag = Flag.objects.create(flagger=UserFactory.create(), post=post, reason=reason)
        Flag.objects.filter(pk=flag.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    Flag.objects.create(flagger=flagger, user=UserFactory.create(), reason="abusive")
    Post.objects.filter(pk=post.pk).update(score=-3)
    gone = ask("A deleted low-score question", days_ago=3)
    Post.objects.filter(pk=gone.pk).update(score=-5, deleted_at=timezone.now())

    trends = health()["trends"]
    assert trends["flags"]["spam"][-1] == 2
    assert trends["flags"]["low_quality"][-1] == 1
    assert trends["flags"]["abusive"][-1] == 1
    assert sum(trends["flags"]["spam"]) == 3
    assert trends["flags_total"] == 5
    assert sum(trends["posts"]["low_score"]) == 1  # the deleted one counts as deleted
    assert trends["posts"]["deleted"][-1] == 1

    chart = operator_client.get("/ops/charts/health/flags.json").json()
    assert not chart["empty"]
    assert {s["name"] for s in chart["series"]} == {"Spam", "Low quality", "Rude or abusive"}


def test_a_community_that_never_flagged_says_so(operator_client: Client) -> None:
    ask("A calm question", days_ago=1)
    health()
    chart = operator_client.get("/ops/charts/health/flags.json").json()
    assert chart["empty"]
    assert "No one has ever flagged anything" in chart["emptyReason"]
    # Nothing held, closed or deleted either: zero lines, and the note says so.
    body = operator_client.get(URL).content.decode()
    assert "No post was held, closed, deleted or voted below zero" in body
    assert not operator_client.get("/ops/charts/health/moderation.json").json()["empty"]


def test_in_a_space_only_flags_on_its_posts_count() -> None:
    space = SpaceFactory.create(slug="nlp")
    inside = ask("Inside question", space=space)
    outside = ask("Outside question")
    Flag.objects.create(flagger=UserFactory.create(), post=make_answer(inside), reason="spam")
    Flag.objects.create(flagger=UserFactory.create(), post=outside, reason="spam")
    recompute_snapshots(names=["health"])
    scoped = Snapshot.objects.for_page("health", space_scope("nlp"))
    assert scoped is not None
    assert scoped.data["trends"]["flags_total"] == 1


# --- tags ------------------------------------------------------------------------------------
def test_a_tag_with_four_posts_this_month_and_one_before_is_rising(operator_client: Client) -> None:
    for day in (1, 5, 10, 20):
        ask(f"Jax question {day}", days_ago=day, tags="jax")
    ask("Old jax question", days_ago=40, tags="jax")
    ask("Recent keras question", days_ago=3, tags="keras")
    for day in (35, 40, 45, 50):
        ask(f"Keras question {day}", days_ago=day, tags="keras")
    for day in (2, 40):
        ask(f"Flat question {day}", days_ago=day, tags="flat")

    tags = health()["tags"]
    assert tags["rising"] == [{"tag": "jax", "recent": 4, "before": 1, "change": 3, "ratio": 4.0}]
    assert [(t["tag"], t["change"]) for t in tags["falling"]] == [("keras", -3)]

    body = operator_client.get(URL).content.decode()
    assert 'href="/tags/jax/"' in body and "+3" in body
    # A stricter minimum leaves both out.
    body = operator_client.get(URL + "?min=5").content.decode()
    assert 'href="/tags/jax/"' not in body
    assert "No tag gained enough posts" in body


@pytest.mark.parametrize("value", ["abc", "0", "-4", "1e9"])
def test_a_bad_minimum_gives_a_message_not_an_error(operator_client: Client, value: str) -> None:
    ask("A question", days_ago=1)
    health()
    response = operator_client.get(URL, {"min": value, "space": "no-such-space"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "The minimum count must be a whole number" in body
    assert "There is no space" in body


# --- speed ---------------------------------------------------------------------------------
def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_page_reads_a_fixed_number_of_queries(
    operator_client: Client, django_assert_num_queries: Any
) -> None:
    ask("First question", days_ago=1)
    health()
    operator_client.get(URL)  # warm the per-process caches
    few = _queries(operator_client)
    space = SpaceFactory.create()
    for n in range(6):
        ask(f"Question number {n} on a theme", space=space, days_ago=n * 20)
    health()
    assert _queries(operator_client) == few
    # However many questions, spaces and flags the snapshot holds.
    with django_assert_num_queries(QUERIES + session_queries()):
        operator_client.get(URL)
