import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts.models import Kind
from deepcommons.search.tests.factories import make_indexed

pytestmark = pytest.mark.django_db
URL = reverse("search:similar")


def test_similar_questions_while_typing(client: Client, alice_client: Client) -> None:
    question = make_indexed(title="Loss becomes NaN with fp16")
    make_indexed(Kind.ARTICLE, title="NaN loss article")  # only questions are suggested
    for c in (client, alice_client):
        response = c.get(URL, {"title": "why is my loss nan"})
        html = response.content.decode()
        assert response.status_code == 200
        assert question.get_absolute_url() in html
        assert "NaN loss article" not in html


def test_half_typed_last_word_matches_as_prefix(bob_client: Client) -> None:
    question = make_indexed(title="Distillation temperature")
    html = bob_client.get(URL, {"title": "distil"}).content.decode()
    assert question.get_absolute_url() in html


def test_at_most_five_suggestions(client: Client) -> None:
    for n in range(8):
        make_indexed(title=f"Tokenizer question {n}")
    html = client.get(URL, {"title": "tokenizer"}).content.decode()
    assert html.count("<li>") == 5


@pytest.mark.parametrize("title", ["", "ab", "🔥🔥🔥", '" OR *', "x" * 3000])
def test_short_or_odd_titles_give_an_empty_partial(client: Client, title: str) -> None:
    make_indexed(title="Anything")
    response = client.get(URL, {"title": title})
    assert response.status_code == 200
    assert "<li>" not in response.content.decode()


def test_chinese_title(charlie_client: Client, alice: User) -> None:
    question = make_indexed(author=alice, title="PyTorch 训练时显存不足")
    html = charlie_client.get(URL, {"title": "显存不足怎么办"}).content.decode()
    assert question.get_absolute_url() in html
