from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.search.tests.factories import make_indexed

pytestmark = pytest.mark.django_db


def url(post_id: int) -> str:
    return reverse("search:related", kwargs={"post_id": post_id})


def test_related_questions_exclude_the_question_itself(
    client: Client, alice_client: Client, bob_client: Client, alice: User
) -> None:
    question = make_indexed(author=alice, title="Learning rate warmup for Adam", body="Why?")
    related = make_indexed(title="Warmup steps with AdamW", body="How many?")
    make_indexed(title="Unrelated topic entirely", body="Other.")
    for c in (client, alice_client, bob_client):
        html = c.get(url(question.pk)).content.decode()
        assert related.get_absolute_url() in html
        assert question.get_absolute_url() not in html
        assert "Unrelated topic" not in html


def test_drafts_are_hidden_from_others(client: Client, bob_client: Client, alice: User) -> None:
    draft = make_indexed(author=alice, title="Secret draft", status="draft")
    assert client.get(url(draft.pk)).status_code == 404
    assert bob_client.get(url(draft.pk)).status_code == 404
    assert client.get(url(999999)).status_code == 404


def test_no_related_questions(client: Client) -> None:
    question = make_indexed(title="Lonely question")
    assert "No related questions yet." in client.get(url(question.pk)).content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_is_constant(
    client: Client, count: int, django_assert_num_queries: Callable[..., Any]
) -> None:
    question = make_indexed(title="Mixture of experts routing")
    for n in range(count):
        make_indexed(title=f"Experts routing {n}")
    with django_assert_num_queries(3):  # the post, the search, the questions
        client.get(url(question.pk))


def test_include_loads_the_box_with_htmx() -> None:
    from django.template.loader import render_to_string

    question = make_indexed(title="Anything")
    html = render_to_string("search/_related.html", {"post": question})
    assert f'hx-get="{url(question.pk)}"' in html
    assert 'hx-trigger="load"' in html
