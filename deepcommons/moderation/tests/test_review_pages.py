from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.core.testing import session_queries
from deepcommons.moderation.models import (
    AuditAction,
    AuditEntry,
    Flag,
    FlaggerRecord,
    Outcome,
    Queue,
    ReviewItem,
)
from deepcommons.moderation.services import enqueue, flag
from deepcommons.moderation.tests.factories import make_moderator, make_trusted
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_question

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queue_url(queue: str) -> str:
    return reverse("moderation:review-queue", args=[queue])


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    assert client.get(reverse("moderation:review")).status_code == 302


def test_members_without_the_privilege_are_refused(alice_client: Client) -> None:
    assert alice_client.get(reverse("moderation:review")).status_code == 403
    assert alice_client.get(queue_url(Queue.FLAGS)).status_code == 403


def test_editors_review_suggested_edits_only() -> None:
    editor = client_for(make_trusted(reputation=2000))
    assert editor.get(reverse("moderation:review")).status_code == 200
    assert editor.get(queue_url(Queue.SUGGESTED_EDITS)).status_code == 200
    assert editor.get(queue_url(Queue.FIRST_POSTS)).status_code == 403


def test_unknown_queue_is_not_found() -> None:
    assert client_for(make_moderator()).get(queue_url("nonsense")).status_code == 404


def test_members_with_moderation_tools_review() -> None:
    reviewer = client_for(make_trusted(reputation=10_000))
    assert reviewer.get(queue_url(Queue.LOW_QUALITY)).status_code == 200


def test_first_posts_tab_shows_the_post_and_its_author(bob: User) -> None:
    question = make_question(author=bob, title="My very first question")
    enqueue(queue=Queue.FIRST_POSTS, post=question, reason="First posts")
    page = client_for(make_moderator()).get(queue_url(Queue.FIRST_POSTS)).content.decode()
    assert "My very first question" in page and "reputation 1" in page


def test_approving_declines_the_flags_and_is_audited(alice: User, bob: User) -> None:
    moderator = make_moderator()
    question = make_question(author=bob)
    flag(flagger=alice, target=question, reason="low_quality")
    item = enqueue(queue=Queue.LOW_QUALITY, post=question)
    response = client_for(moderator).post(
        reverse("moderation:review-decide", args=[item.pk]), {"outcome": Outcome.APPROVED}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.outcome == Outcome.APPROVED and item.reviewed_by == moderator
    assert FlaggerRecord.objects.get(user=alice).declined == 1
    assert AuditEntry.objects.filter(action=AuditAction.REVIEW).count() == 1


def test_deleting_in_review_marks_flags_helpful(alice: User, bob: User) -> None:
    moderator = make_moderator()
    answer = make_answer(make_question(), author=bob)
    flag(flagger=alice, target=answer, reason="spam")
    item = enqueue(queue=Queue.FIRST_POSTS, post=answer)
    client_for(moderator).post(
        reverse("moderation:review-decide", args=[item.pk]), {"outcome": Outcome.DELETED}
    )
    assert Post.objects.get(pk=answer.pk).is_deleted
    assert FlaggerRecord.objects.get(user=alice).helpful == 1
    assert AuditEntry.objects.filter(action=AuditAction.DELETE).count() == 1


def test_reviewing_twice_shows_an_error_not_a_500(bob: User) -> None:
    client = client_for(make_moderator())
    item = enqueue(queue=Queue.FIRST_POSTS, post=make_question(author=bob))
    url = reverse("moderation:review-decide", args=[item.pk])
    client.post(url, {"outcome": Outcome.APPROVED})
    assert client.post(url, {"outcome": Outcome.APPROVED}).status_code == 302
    assert client.post(url, {"outcome": "bogus"}).status_code == 302


def test_members_cannot_decide_items(alice_client: Client, bob: User) -> None:
    item = enqueue(queue=Queue.FIRST_POSTS, post=make_question(author=bob))
    url = reverse("moderation:review-decide", args=[item.pk])
    assert alice_client.post(url, {"outcome": Outcome.APPROVED}).status_code == 403
    assert ReviewItem.objects.pending().count() == 1


def test_flags_tab_shows_flagger_counts_and_resolves(alice: User, bob: User) -> None:
    client = client_for(make_moderator())
    made = flag(flagger=alice, target=make_question(author=bob), reason="attention", text="Odd")
    page = client.get(queue_url(Queue.FLAGS)).content.decode()
    assert "0 helpful, 0 declined" in page and "Odd" in page
    client.post(reverse("moderation:flag-decide", args=[made.pk]), {"decision": "helpful"})
    assert Flag.objects.get(pk=made.pk).status == "helpful"
    assert FlaggerRecord.objects.get(user=alice).helpful == 1


def test_held_posts_are_released_from_the_queue(bob: User) -> None:
    from deepcommons.posts.services.moderation import hold_post

    moderator = make_moderator()
    question = make_question(author=bob, title="Held for screening")
    hold_post(post=question, reason="screen")
    item = enqueue(queue=Queue.HELD, post=question, reason="screen")
    client = client_for(moderator)
    assert "Held for screening" in client.get(queue_url(Queue.HELD)).content.decode()
    client.post(reverse("moderation:review-decide", args=[item.pk]), {"outcome": "approved"})
    question.refresh_from_db()
    assert not question.is_held
    assert AuditEntry.objects.filter(action=AuditAction.RELEASE).count() == 1


def test_suggested_edit_is_approved_from_the_queue(alice: User, bob: User) -> None:
    from deepcommons.posts.services import PostInput
    from deepcommons.posts.services.suggested_edits import suggest_edit

    question = make_question(author=bob, title="Typo in tittle")
    edit = suggest_edit(
        post=question,
        by=alice,
        data=PostInput(title="Typo in title", body=question.body, tags="pytorch"),
    )
    client = client_for(make_moderator())
    assert "Typo in title" in client.get(queue_url(Queue.SUGGESTED_EDITS)).content.decode()
    client.post(reverse("moderation:edit-decide", args=[edit.pk]), {"decision": "approve"})
    question.refresh_from_db()
    assert question.title == "Typo in title"
    assert AuditEntry.objects.filter(action=AuditAction.APPROVE_EDIT).count() == 1


@pytest.mark.parametrize(
    ("queue", "queries"), [(Queue.FIRST_POSTS, 18), (Queue.FLAGS, 17), (Queue.CLOSE_VOTES, 19)]
)
def test_queue_page_query_count_does_not_grow(
    queue: str, queries: int, django_assert_num_queries: object
) -> None:
    client = client_for(make_moderator())

    def add(n: int) -> None:
        for _n in range(n):
            author = make_trusted()
            question = make_question(author=author)
            enqueue(queue=queue, post=question)
            flag(flagger=make_trusted(), target=question, reason="off_topic")

    add(2)
    client.get(queue_url(queue))
    # Plus the session's, when sessions are not served from the cache.
    with django_assert_num_queries(queries + session_queries()):  # type: ignore[operator]
        client.get(queue_url(queue))
    add(4)
    with django_assert_num_queries(queries + session_queries()):  # type: ignore[operator]
        client.get(queue_url(queue))


def test_closing_from_the_close_votes_queue_uses_the_voters_reason(bob: User) -> None:
    from deepcommons.moderation.services import cast_close_vote

    question = make_question(author=bob)
    cast_close_vote(post=question, voter=make_trusted(reputation=3000), reason="opinion-based")
    item = ReviewItem.objects.pending().get(queue=Queue.CLOSE_VOTES)
    client_for(make_moderator()).post(
        reverse("moderation:review-decide", args=[item.pk]),
        {"outcome": Outcome.CLOSED, "reason": "free text"},
    )
    question.refresh_from_db()
    assert question.is_closed and question.close_reason == "opinion-based"
