from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.search.tests.factories import make_indexed, make_indexed_answer

pytestmark = pytest.mark.django_db
URL = reverse("search:results")


def test_anonymous_sees_highlighted_results(client: Client) -> None:
    post = make_indexed(title="Gradient clipping explained", tags="optimization")
    response = client.get(URL, {"q": "clipping"})
    assert response.status_code == 200
    html = response.content.decode()
    assert post.get_absolute_url() in html
    assert "<mark>clipping</mark>" in html
    assert "optimization" in html
    assert 'role="search"' in html


def test_logged_in_user_sees_results_and_own_search_box(
    alice_client: Client, alice: User, bob: User
) -> None:
    question = make_indexed(author=alice, title="Checkpoint averaging")
    make_indexed_answer(question, author=bob, body="Average the last checkpoint weights.")
    response = alice_client.get(URL, {"q": "checkpoint", "sort": "newest"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 results" in html
    assert 'value="checkpoint"' in html


def test_empty_query_shows_a_hint_not_an_error(client: Client, bob_client: Client) -> None:
    for c in (client, bob_client):
        response = c.get(URL)
        assert response.status_code == 200
        assert "Type words to search for" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"*NEAR OR )'},
        {"q": "x" * 5000},
        {"q": "🔥", "sort": "nonsense", "page": "-3"},
        {"q": "訓練", "page": "abc"},
        {"q": "loss", "page": "999999999999999999999"},
    ],
)
def test_odd_input_never_fails(client: Client, params: dict[str, str]) -> None:
    make_indexed(title="Loss")
    assert client.get(URL, params).status_code == 200


def test_no_match_says_so(charlie_client: Client) -> None:
    make_indexed(title="Something else")
    response = charlie_client.get(URL, {"q": "zzzyzx"})
    assert "No posts match your search." in response.content.decode()


def test_htmx_request_gets_the_results_partial(client: Client) -> None:
    make_indexed(title="Quantization aware training")
    response = client.get(URL, {"q": "quantization"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<mark>Quantization</mark>" in html
    assert "<html" not in html


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_does_not_grow_with_results(
    client: Client, count: int, django_assert_num_queries: Callable[..., Any]
) -> None:
    for n in range(count):
        make_indexed(title=f"Scaling laws {n}", tags="llm,scaling")
    with django_assert_num_queries(3):  # search, posts, tags
        response = client.get(URL, {"q": "scaling"})
    assert response.content.decode().count('class="search-hit"') == min(count, 20)


def test_chinese_results_page(client: Client) -> None:
    post = make_indexed(title="注意力机制详解", body="多头注意力与自注意力。")
    response = client.get(URL, {"q": "注意力机制"})
    assert post.get_absolute_url() in response.content.decode()
