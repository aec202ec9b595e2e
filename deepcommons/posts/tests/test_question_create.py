from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts.models import Kind, Post, Revision
from deepcommons.spaces.models import Tag, TagSynonym
from deepcommons.spaces.tests.factories import SpaceFactory, TagFactory

URL = reverse("posts:question-create")
BODY = "How do I compute $e^{i\\pi}$?\n\n```python\nimport torch\nprint(torch.pi)\n```"


def test_anonymous_is_sent_to_log_in(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_member_asks_a_question_with_tags_and_space(alice_client: Client, alice: User) -> None:
    space = SpaceFactory(slug="nlp")
    torch = TagFactory(name="pytorch")
    TagSynonym.objects.create(name="torch", tag=torch)
    response = alice_client.post(
        URL, {"title": "Euler in PyTorch", "body": BODY, "tags": "torch, CUDA", "space": space.pk}
    )
    question = Post.objects.get(kind=Kind.QUESTION)
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert question.author == alice
    assert question.space == space
    assert sorted(question.tags.values_list("name", flat=True)) == ["cuda", "pytorch"]
    assert "</pre>" in question.body_html and "<math" in question.body_html
    assert Tag.objects.get(name="pytorch").usage_count == 1
    space.refresh_from_db()
    assert space.post_count == 1
    assert Revision.objects.filter(post=question, number=1).exists()


def test_too_long_title_and_body_keep_the_text(alice_client: Client) -> None:
    title = "t" * 151
    body = "b" * 40_001
    response = alice_client.post(URL, {"title": title, "body": body, "tags": "pytorch"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "151 characters long; the limit is 150" in content
    assert "40001 characters long; the limit is 40000" in content
    assert title in content
    assert not Post.objects.exists()


def test_question_needs_one_to_five_tags(alice_client: Client) -> None:
    response = alice_client.post(URL, {"title": "No tags", "body": "text", "tags": ""})
    assert response.status_code == 400
    assert "Add at least 1 tag" in response.content.decode()
    response = alice_client.post(URL, {"title": "Many", "body": "text", "tags": "a b c d e f"})
    assert response.status_code == 400
    assert "at most 5 tags" in response.content.decode()
    assert not Post.objects.exists()
