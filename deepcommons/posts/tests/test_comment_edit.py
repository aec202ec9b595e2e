from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.posts import hooks, services
from deepcommons.posts.models import Comment
from deepcommons.posts.tests.factories import make_answer, make_comment, make_question
from deepcommons.social.models import Notification


def _edit_url(comment: Comment) -> str:
    return reverse("posts:comment-edit", kwargs={"comment_id": comment.pk})


def _age(comment: Comment, minutes: int) -> None:
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )
    comment.refresh_from_db()


def test_author_edits_in_place_with_htmx(bob_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    comment = make_comment(question, author=bob, body="Which version?")
    form = bob_client.get(_edit_url(comment), HTTP_HX_REQUEST="true")
    assert form.status_code == 200
    html = form.content.decode()
    assert f'id="comment-{comment.pk}"' in html and "<textarea" in html
    assert "Which version?" in html and "<html" not in html

    response = bob_client.post(
        _edit_url(comment), {"body": "Which *CUDA* version?"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<em>CUDA</em>" in html and "<textarea" not in html
    assert "edited" not in html  # within the five-minute grace period
    comment.refresh_from_db()
    assert comment.body == "Which *CUDA* version?"
    assert comment.edited_at is None


def test_edit_after_the_grace_period_is_marked(bob_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    comment = make_comment(question, author=bob, body="old text")
    _age(comment, 6)
    response = bob_client.post(_edit_url(comment), {"body": "new text"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.edited_at is not None
    page = bob_client.get(question.get_absolute_url()).content.decode()
    assert "new text" in page and 'class="edited"' in page


def test_author_may_edit_an_old_comment(bob: User, alice: User) -> None:
    comment = make_comment(make_question(author=alice), author=bob)
    _age(comment, 60 * 24 * 30)
    services.edit_comment(comment=comment, by=bob, body="still mine to fix")
    assert Comment.objects.get(pk=comment.pk).body == "still mine to fix"


def test_plain_page_without_javascript(bob_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=alice)
    comment = make_comment(answer, author=bob, body="on the answer")
    page = bob_client.get(_edit_url(comment))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" in html and "on the answer" in html and "Edit comment" in html
    response = bob_client.post(_edit_url(comment), {"body": "changed"})
    assert response.status_code == 302
    assert response["Location"] == answer.get_absolute_url()


def test_over_600_characters_keeps_the_text(bob_client: Client, alice: User, bob: User) -> None:
    comment = make_comment(make_question(author=alice), author=bob, body="short")
    text = "c" * 601
    plain = bob_client.post(_edit_url(comment), {"body": text})
    assert plain.status_code == 400
    assert "601 characters long; the limit is 600" in plain.content.decode()
    assert text in plain.content.decode()
    htmx = bob_client.post(_edit_url(comment), {"body": text}, HTTP_HX_REQUEST="true")
    # htmx only swaps 2xx answers: the form comes back with its message.
    assert htmx.status_code == 200
    assert text in htmx.content.decode() and 'role="alert"' in htmx.content.decode()
    assert Comment.objects.get(pk=comment.pk).body == "short"


def test_empty_comment_is_refused(bob_client: Client, alice: User, bob: User) -> None:
    comment = make_comment(make_question(author=alice), author=bob, body="short")
    assert bob_client.post(_edit_url(comment), {"body": "   "}).status_code == 400
    assert Comment.objects.get(pk=comment.pk).body == "short"


def test_another_member_and_anonymous_cannot_edit(
    alice_client: Client, client: Client, alice: User, bob: User
) -> None:
    comment = make_comment(make_question(author=alice), author=bob, body="bob's")
    # Not even the author of the post.
    assert alice_client.get(_edit_url(comment)).status_code == 403
    assert alice_client.post(_edit_url(comment), {"body": "hijack"}).status_code == 403
    response = client.post(_edit_url(comment), {"body": "hijack"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Comment.objects.get(pk=comment.pk).body == "bob's"


def test_owner_sees_edit_link_and_others_do_not(
    alice_client: Client, bob_client: Client, client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=alice)
    comment = make_comment(question, author=bob)
    assert _edit_url(comment) in bob_client.get(question.get_absolute_url()).content.decode()
    assert _edit_url(comment) not in alice_client.get(question.get_absolute_url()).content.decode()
    assert _edit_url(comment) not in client.get(question.get_absolute_url()).content.decode()


def test_site_moderator_edits_any_comment(
    charlie_client: Client, alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=alice)
    comment = make_comment(question, author=bob, body="rude words")
    set_role(user=charlie, role="moderator")
    assert _edit_url(comment) in charlie_client.get(question.get_absolute_url()).content.decode()
    assert charlie_client.post(_edit_url(comment), {"body": "(removed)"}).status_code == 302
    assert Comment.objects.get(pk=comment.pk).body == "(removed)"


def test_deleted_comment_cannot_be_edited(bob_client: Client, alice: User, bob: User) -> None:
    comment = make_comment(make_question(author=alice), author=bob)
    services.delete_comment(comment=comment, by=bob)
    assert bob_client.get(_edit_url(comment)).status_code == 404
    assert bob_client.post(_edit_url(comment), {"body": "back"}).status_code == 404


def test_cancel_shows_the_comment_again(bob_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    comment = make_comment(question, author=bob, body="as it was")
    url = reverse("posts:comment-detail", kwargs={"comment_id": comment.pk})
    htmx = bob_client.get(url, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200
    assert "as it was" in htmx.content.decode() and _edit_url(comment) in htmx.content.decode()
    assert bob_client.get(url)["Location"] == question.get_absolute_url()


def test_mentions_are_linked_and_newly_mentioned_members_told(
    bob: User, alice: User, charlie: User, django_capture_on_commit_callbacks: Any
) -> None:
    question = make_question(author=alice)
    comment = make_comment(question, author=bob, body="Any idea?")
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_comment(comment=comment, by=bob, body="Any idea, @charlie?")
    assert 'href="/u/charlie/"' in comment.body_html
    assert Notification.objects.filter(recipient=charlie, kind="mention").count() == 1


@pytest.mark.django_db
def test_edit_publishes_comment_edited(
    alice: User, bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    seen: list[tuple[str, int]] = []

    def record(event: str, post: Any, **data: Any) -> None:
        seen.append((event, data.get("comment").pk if data.get("comment") else 0))

    question = make_question(author=alice)
    comment = make_comment(question, author=bob)
    hooks.subscribe(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.edit_comment(comment=comment, by=bob, body="better")
            services.edit_comment(comment=comment, by=bob, body="better")  # no change
    finally:
        hooks._listeners.remove(record)
    assert seen == [("comment-edited", comment.pk)]
