from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_post


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("cover.png", buffer.getvalue(), content_type="image/png")


def test_member_publishes_article_with_cover_and_reading_time(
    alice_client: Client, client: Client
) -> None:
    body = " ".join(["word"] * 690)
    response = alice_client.post(
        reverse("posts:article-create"),
        {
            "title": "Attention",
            "summary": "Why it works",
            "body": body,
            "tags": "nlp",
            "publish": "on",
            "cover": _png(),
        },
    )
    article = Post.objects.get(kind=Kind.ARTICLE)
    assert response.status_code == 302
    assert article.reading_minutes == 3
    assert article.cover.name.endswith(".webp")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "3 min read" in page and "Why it works" in page


def test_draft_article_is_404_for_others(
    alice_client: Client, bob_client: Client, client: Client, alice: User
) -> None:
    alice_client.post(reverse("posts:article-create"), {"title": "WIP", "body": "soon", "tags": ""})
    draft = Post.objects.get(kind=Kind.ARTICLE)
    assert draft.is_draft
    assert alice_client.get(draft.get_absolute_url()).status_code == 200
    assert bob_client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert (
        bob_client.post(
            reverse("posts:post-vote", kwargs={"post_id": draft.pk}), {"value": "1"}
        ).status_code
        == 404
    )


def test_invalid_cover_is_a_clear_error(alice_client: Client) -> None:
    bad = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    response = alice_client.post(
        reverse("posts:article-create"), {"title": "T", "body": "B", "cover": bad, "publish": "on"}
    )
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_tutorial_parts_have_previous_and_next(
    client: Client, alice: User, bob_client: Client
) -> None:
    series = services.create_series(author=alice, title="Transformers from scratch")
    parts = [
        make_post(
            Kind.TUTORIAL,
            author=alice,
            title=f"Part {n}",
            body="x",
            tags="",
            series=series,
            series_position=n,
            difficulty="intermediate",
            prerequisites="Python",
        )
        for n in (1, 2, 3)
    ]
    page = client.get(parts[1].get_absolute_url()).content.decode()
    assert f'rel="prev" href="{parts[0].get_absolute_url()}"' in page
    assert f'rel="next" href="{parts[2].get_absolute_url()}"' in page
    assert "Intermediate" in page and "Prerequisites" in page
    series_page = client.get(series.get_absolute_url()).content.decode()
    assert series_page.index("Part 1") < series_page.index("Part 3")
    assert bob_client.get(parts[0].get_absolute_url()).status_code == 200


def test_member_writes_a_tutorial_through_the_page(alice_client: Client, alice: User) -> None:
    series = services.create_series(author=alice, title="Course")
    response = alice_client.post(
        reverse("posts:tutorial-create"),
        {
            "title": "Intro",
            "body": "Start",
            "difficulty": "beginner",
            "series": series.pk,
            "series_position": 1,
            "publish": "on",
        },
    )
    assert response.status_code == 302
    tutorial = Post.objects.get(kind=Kind.TUTORIAL)
    assert (tutorial.series, tutorial.difficulty) == (series, "beginner")


def test_likes_on_articles(bob_client: Client, alice: User) -> None:
    article = make_post(Kind.ARTICLE, author=alice, title="A", body="B")
    bob_client.post(reverse("posts:post-vote", kwargs={"post_id": article.pk}), {"value": "1"})
    article.refresh_from_db()
    assert article.score == 1
