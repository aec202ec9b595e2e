import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.search.services import index_posts
from deepcommons.search.tests.factories import make_indexed, make_indexed_answer

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"


def test_anonymous_search_returns_paginated_hits(client: Client, alice: User, bob: User) -> None:
    question = make_indexed(author=alice, title="Flash attention on A100", tags="cuda")
    answer = make_indexed_answer(question, author=bob, body="Flash attention needs fp16.")
    services.accept_answer(answer=answer, by=alice)
    make_indexed(title="Flash attention again", body="Other.")
    index_posts(post_ids=[question.pk, answer.pk])
    response = client.get(URL, {"q": "flash attention [cuda] is:question", "per_page": 5})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1 and data["page"] == 1 and not data["has_next"]
    item = data["items"][0]
    assert item["id"] == question.pk
    assert item["tags"] == ["cuda"]
    assert item["accepted"] is True and item["answer_count"] == 1
    assert item["author"] == "alice"
    assert "<mark>" in item["title_html"] and "<mark>" not in item["title"]


def test_logged_in_search_and_pages(alice_client: Client) -> None:
    for n in range(3):
        make_indexed(title=f"Sharding strategy {n}")
    first = alice_client.get(URL, {"q": "sharding", "per_page": 2, "sort": "newest"}).json()
    second = alice_client.get(URL, {"q": "sharding", "per_page": 2, "page": 2}).json()
    assert first["total"] == 3 and first["has_next"] and len(first["items"]) == 2
    assert len(second["items"]) == 1 and not second["has_next"]


@pytest.mark.parametrize(
    "params",
    [{"sort": "random"}, {"page": 0}, {"page": 51}, {"per_page": 500}, {"page": "abc"}],
)
def test_bad_parameters_are_json_4xx(client: Client, params: dict[str, object]) -> None:
    response = client.get(URL, {"q": "x", **params})
    assert 400 <= response.status_code < 500
    assert "message" in response.json()


@pytest.mark.parametrize("q", ["", '"*NEAR OR )', "x" * 3000, "🔥", "訓練", "'; DROP TABLE x;--"])
def test_odd_queries_return_a_list(client: Client, q: str) -> None:
    make_indexed(title="Training")
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["items"], list)
