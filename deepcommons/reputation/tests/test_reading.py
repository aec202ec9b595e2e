"""Days visited and reading, recorded by `ReadingMiddleware`."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts.models import Kind
from deepcommons.posts.tests.factories import make_answer, make_post, make_question
from deepcommons.reputation.models import DailyVisit
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _known_tag(db: None) -> None:
    Tag.objects.get_or_create(name="pytorch")


def test_a_signed_in_request_records_the_days_visit_once(alice_client: Client, alice: User) -> None:
    alice_client.get("/questions/")
    alice_client.get("/questions/")
    visit = DailyVisit.objects.get(user=alice)
    assert (visit.topics_entered, visit.posts_read) == (0, 0)


def test_only_the_first_request_of_the_day_costs_a_query(alice_client: Client, alice: User) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    alice_client.get("/questions/")
    with CaptureQueriesContext(connection) as ctx:
        alice_client.get("/questions/")
    assert not [q for q in ctx.captured_queries if "reputation_dailyvisit" in q["sql"]]


def test_anonymous_visits_are_not_recorded(client: Client) -> None:
    client.get("/questions/")
    assert not DailyVisit.objects.exists()


def test_opening_a_question_enters_a_topic_and_reads_its_answers(
    alice_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=bob)
    make_answer(question, author=bob)
    make_answer(question, author=bob)
    assert alice_client.get(question.get_absolute_url()).status_code == 200
    alice_client.get("/questions/")  # the next page writes what the thread page noted
    visit = DailyVisit.objects.get(user=alice)
    assert (visit.topics_entered, visit.posts_read) == (1, 3)


def test_a_thread_page_itself_costs_no_reading_query(
    alice_client: Client, alice: User, bob: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    question = make_question(author=bob)
    alice_client.get("/questions/")
    with CaptureQueriesContext(connection) as ctx:
        alice_client.get(question.get_absolute_url())
    assert not [q for q in ctx.captured_queries if "reputation_dailyvisit" in q["sql"]]
    # The panel the page loads with htmx writes it.
    alice_client.get(f"/questions/{question.pk}/bounty/", HTTP_HX_REQUEST="true")
    assert DailyVisit.objects.get(user=alice).topics_entered == 1


def test_threads_opened_in_a_row_are_written_together(
    alice_client: Client, alice: User, bob: User
) -> None:
    first = make_question(author=bob)
    second = make_question(author=bob)
    make_answer(second, author=bob)
    alice_client.get(first.get_absolute_url())
    alice_client.get(second.get_absolute_url())
    alice_client.get("/questions/")
    visit = DailyVisit.objects.get(user=alice)
    assert (visit.topics_entered, visit.posts_read) == (2, 3)


def test_opening_the_same_thread_again_that_day_counts_once(
    alice_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=bob)
    alice_client.get(question.get_absolute_url())
    alice_client.get(question.get_absolute_url())
    alice_client.get("/questions/")
    assert DailyVisit.objects.get(user=alice).topics_entered == 1


@pytest.mark.parametrize("kind", [Kind.DISCUSSION, Kind.ARTICLE, Kind.TUTORIAL])
def test_every_kind_of_thread_page_counts(
    kind: str, alice_client: Client, alice: User, bob: User
) -> None:
    post = make_post(kind, author=bob, summary="A summary.")
    assert alice_client.get(post.get_absolute_url()).status_code == 200
    alice_client.get("/questions/")
    assert DailyVisit.objects.get(user=alice).topics_entered == 1


def test_a_missing_thread_counts_nothing(alice_client: Client, alice: User) -> None:
    assert alice_client.get("/questions/999999/").status_code == 404
    alice_client.get("/questions/")
    assert not DailyVisit.objects.filter(user=alice, topics_entered__gt=0).exists()
