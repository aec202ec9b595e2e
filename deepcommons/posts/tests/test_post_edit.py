from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts.models import Post, Revision, SuggestedEdit
from deepcommons.posts.tests.factories import make_answer, make_question


def _url(post_id: int) -> str:
    return reverse("posts:post-edit", kwargs={"post_id": post_id})


def test_author_edits_and_a_revision_is_kept(alice_client: Client, alice: User) -> None:
    question = make_question(author=alice, title="Old title", tags="pytorch")
    response = alice_client.get(_url(question.pk))
    assert response.status_code == 200
    assert "Old title" in response.content.decode()
    response = alice_client.post(
        _url(question.pk), {"title": "New title", "body": "New *body*", "tags": "pytorch jax"}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.title == "New title"
    assert "<em>body</em>" in question.body_html
    assert list(question.revisions.values_list("number", flat=True)) == [2, 1]
    assert Revision.objects.get(post=question, number=2).tag_names == ["jax", "pytorch"]


def test_other_user_suggests_an_edit_and_anonymous_cannot_edit(
    bob_client: Client, client: Client, alice: User
) -> None:
    question = make_question(author=alice)
    assert "You are suggesting an edit" in bob_client.get(_url(question.pk)).content.decode()
    bob_client.post(_url(question.pk), {"title": "x", "body": "y", "tags": "a"})
    assert Post.objects.get(pk=question.pk).body == question.body
    assert SuggestedEdit.objects.get().body == "y"
    assert client.get(_url(question.pk)).status_code == 302


def test_edit_over_the_limit_keeps_text(alice_client: Client, alice: User) -> None:
    question = make_question(author=alice)
    response = alice_client.post(_url(question.pk), {"title": "T" * 200, "body": "b", "tags": "a"})
    assert response.status_code == 400
    assert "T" * 200 in response.content.decode()


def test_author_edits_an_answer(bob_client: Client, alice: User, bob: User) -> None:
    answer = make_answer(make_question(author=alice), author=bob, body="v1")
    response = bob_client.post(_url(answer.pk), {"body": "v2"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body == "v2"
    assert answer.revision_count == 2


def test_revisions_diff_and_rollback(alice_client: Client, bob_client: Client, alice: User) -> None:
    question = make_question(author=alice, title="First", body="line one")
    alice_client.post(_url(question.pk), {"title": "Second", "body": "line two", "tags": "pytorch"})
    history = alice_client.get(reverse("posts:post-revisions", kwargs={"post_id": question.pk}))
    assert history.status_code == 200
    diff = alice_client.get(
        reverse("posts:revision-diff", kwargs={"post_id": question.pk}) + "?a=1&b=2"
    )
    content = diff.content.decode()
    assert diff.status_code == 200
    assert "<del>First</del>" in content
    assert "<ins>Second</ins>" in content
    assert 'class="revision-diff"' in content
    rollback = reverse("posts:revision-rollback", kwargs={"post_id": question.pk, "number": 1})
    assert bob_client.post(rollback).status_code == 403
    assert alice_client.post(rollback).status_code == 302
    question.refresh_from_db()
    assert (question.title, question.body, question.revision_count) == ("First", "line one", 3)
