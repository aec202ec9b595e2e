"""A space's moderators have moderator powers over the posts in that space, and
only there: charlie moderates "cv"; alice and bob are members."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Comment, Kind, Post, SuggestedEdit
from deepcommons.posts.tests.factories import make_answer, make_comment, make_post, make_question
from deepcommons.spaces.models import Space
from deepcommons.spaces.tests.factories import SpaceFactory


@pytest.fixture
def cv(charlie: User) -> Space:
    space = SpaceFactory(slug="cv", name_en="Computer Vision")
    space.moderators.add(charlie)
    return space


@pytest.fixture
def nlp(db: None) -> Space:
    return SpaceFactory(slug="nlp", name_en="NLP")


def _edit(post: Post) -> str:
    return reverse("posts:post-edit", kwargs={"post_id": post.pk})


def _question_form(title: str) -> dict[str, str]:
    return {"title": title, "body": "Moderated body.", "tags": "pytorch"}


def test_space_moderator_edits_a_question_in_their_space(
    charlie_client: Client, alice: User, cv: Space
) -> None:
    question = make_question(author=alice, space=cv, title="Blurry images?")
    page = charlie_client.get(question.get_absolute_url()).content.decode()
    assert _edit(question) in page
    assert charlie_client.get(_edit(question)).status_code == 200
    response = charlie_client.post(
        _edit(question), {**_question_form("Why are my images blurry?"), "space": cv.pk}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.title == "Why are my images blurry?"
    assert question.author == alice
    assert question.revisions.first().author.username == "charlie"  # type: ignore[union-attr]


def test_space_moderator_cannot_edit_in_another_space(
    charlie_client: Client, alice: User, cv: Space, nlp: Space
) -> None:
    # Outside their space they are members: an edit becomes a suggestion.
    question = make_question(author=alice, space=nlp)
    assert "Suggest an edit" in charlie_client.get(question.get_absolute_url()).content.decode()
    assert "You are suggesting an edit" in charlie_client.get(_edit(question)).content.decode()
    charlie_client.post(_edit(question), _question_form("Taken over"))
    assert Post.objects.get(pk=question.pk).title != "Taken over"
    assert SuggestedEdit.objects.get().title == "Taken over"
    no_space = make_question(author=alice)
    assert "You are suggesting an edit" in charlie_client.get(_edit(no_space)).content.decode()


def test_members_and_anonymous_cannot_edit_others_posts_in_the_space(
    bob_client: Client, client: Client, alice: User, cv: Space
) -> None:
    question = make_question(author=alice, space=cv)
    assert "You are suggesting an edit" in bob_client.get(_edit(question)).content.decode()
    assert client.get(_edit(question)).status_code == 302


def test_space_moderator_edits_an_answer_in_their_space(
    charlie_client: Client, alice: User, bob: User, cv: Space, nlp: Space
) -> None:
    answer = make_answer(make_question(author=alice, space=cv), author=bob)
    response = charlie_client.post(_edit(answer), {"body": "Lower the learning rate."})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body == "Lower the learning rate."
    elsewhere = make_answer(make_question(author=alice, space=nlp), author=bob)
    charlie_client.post(_edit(elsewhere), {"body": "Suggested instead."})
    assert Post.objects.get(pk=elsewhere.pk).body != "Suggested instead."
    assert SuggestedEdit.objects.get(post=elsewhere).body == "Suggested instead."


def test_space_moderator_deletes_and_restores_and_sees_deleted_posts(
    charlie_client: Client, bob_client: Client, alice: User, cv: Space, nlp: Space
) -> None:
    question = make_question(author=alice, space=cv, title="Spam in cv")
    delete = reverse("posts:post-delete", kwargs={"post_id": question.pk})
    undelete = reverse("posts:post-undelete", kwargs={"post_id": question.pk})
    assert charlie_client.post(delete).status_code == 302
    question.refresh_from_db()
    assert question.is_deleted and question.deleted_by.username == "charlie"  # type: ignore[union-attr]
    # Greyed for the space moderator, on the page and in the space's list; gone for others.
    page = charlie_client.get(question.get_absolute_url())
    assert page.status_code == 200 and "This post is deleted" in page.content.decode()
    assert undelete in page.content.decode()
    listing = charlie_client.get(cv.get_absolute_url()).content.decode()
    assert "Spam in cv" in listing and "is-deleted" in listing
    assert bob_client.get(question.get_absolute_url()).status_code == 404
    assert "Spam in cv" not in bob_client.get(cv.get_absolute_url()).content.decode()
    assert charlie_client.post(undelete).status_code == 302
    question.refresh_from_db()
    assert not question.is_deleted


def test_space_moderator_cannot_delete_or_see_deleted_in_another_space(
    charlie_client: Client, alice: User, cv: Space, nlp: Space
) -> None:
    question = make_question(author=alice, space=nlp)
    delete = reverse("posts:post-delete", kwargs={"post_id": question.pk})
    assert charlie_client.post(delete).status_code == 403
    services.delete_post(post=question, by=alice)
    assert charlie_client.get(question.get_absolute_url()).status_code == 404


def test_space_moderator_sees_deleted_answers_and_comments_in_their_space(
    charlie_client: Client, alice: User, bob: User, cv: Space
) -> None:
    question = make_question(author=alice, space=cv)
    answer = make_answer(question, author=bob, body="deleted answer text")
    comment = make_comment(answer, author=alice, body="deleted comment text")
    services.delete_post(post=answer, by=bob)
    services.delete_comment(comment=comment, by=alice)
    page = charlie_client.get(question.get_absolute_url()).content.decode()
    assert "deleted answer text" in page and "deleted comment text" in page


def test_space_moderator_edits_and_deletes_comments_in_their_space_only(
    charlie_client: Client, alice: User, bob: User, cv: Space, nlp: Space
) -> None:
    here = make_comment(
        make_answer(make_question(author=alice, space=cv), author=alice), author=bob
    )
    there = make_comment(make_question(author=alice, space=nlp), author=bob)
    edit_here = reverse("posts:comment-edit", kwargs={"comment_id": here.pk})
    edit_there = reverse("posts:comment-edit", kwargs={"comment_id": there.pk})
    assert charlie_client.post(edit_here, {"body": "tidied"}).status_code == 302
    assert Comment.objects.get(pk=here.pk).body == "tidied"
    assert charlie_client.post(edit_there, {"body": "tidied"}).status_code == 403
    delete_there = reverse("posts:comment-delete", kwargs={"comment_id": there.pk})
    assert charlie_client.post(delete_there).status_code == 403
    delete_here = reverse("posts:comment-delete", kwargs={"comment_id": here.pk})
    assert charlie_client.post(delete_here).status_code == 302
    assert Comment.objects.get(pk=here.pk).is_deleted


def test_space_moderator_edits_an_article_without_losing_its_series(
    charlie_client: Client, alice: User, cv: Space
) -> None:
    series = services.create_series(author=alice, title="Vision basics")
    article = make_post(Kind.ARTICLE, author=alice, space=cv, series=series, tags="")
    response = charlie_client.post(
        _edit(article),
        {
            "title": "Edited by a moderator",
            "body": "text",
            "space": cv.pk,
            "series": series.pk,
            "series_position": 0,
            "publish": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "Edited by a moderator" and article.series_id == series.pk


def _count(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_space_moderator_page_queries_do_not_grow(
    charlie_client: Client, alice: User, bob: User, cv: Space
) -> None:
    def question_page(n: int) -> int:
        question = make_question(author=alice, space=cv)
        for i in range(n):
            answer = make_answer(question, author=bob, body=f"answer {i}")
            make_comment(answer, author=alice)
            if i % 2:
                services.delete_post(post=answer, by=bob)
        return _count(charlie_client, question.get_absolute_url())

    assert question_page(4) == question_page(40)
    for i in range(5):
        make_question(author=alice, space=cv, title=f"a{i}")
    few = _count(charlie_client, cv.get_absolute_url())
    for i in range(45):
        services.delete_post(post=make_question(author=bob, space=cv, title=f"b{i}"), by=bob)
    assert _count(charlie_client, cv.get_absolute_url()) == few
