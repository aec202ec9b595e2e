from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.moderation import services
from deepcommons.moderation.models import AuditAction, AuditEntry, Queue, ReviewItem
from deepcommons.moderation.tests.factories import make_moderator, make_trusted
from deepcommons.posts import services as posts
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_answer, make_question

pytestmark = pytest.mark.django_db


def test_new_members_first_two_posts_go_to_review(
    alice: User, django_capture_on_commit_callbacks: Any
) -> None:
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            make_question(author=alice, title=f"Question number {n}")
    queued = ReviewItem.objects.pending().filter(queue=Queue.FIRST_POSTS)
    assert queued.count() == 2


def test_trusted_members_posts_skip_the_first_posts_queue(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        make_question(author=make_trusted())
    assert not ReviewItem.objects.filter(queue=Queue.FIRST_POSTS).exists()


def test_late_answers_and_short_posts_are_queued(
    django_capture_on_commit_callbacks: Any,
) -> None:
    question = make_question(author=make_trusted())
    Post.objects.filter(pk=question.pk).update(created_at=timezone.now() - timedelta(days=40))
    question.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        make_answer(question, author=make_trusted(), body="ok")
    queues = set(ReviewItem.objects.values_list("queue", flat=True))
    assert queues == {Queue.LATE_ANSWERS, Queue.LOW_QUALITY}


def test_a_moderator_deleting_through_posts_pages_is_audited_once(
    bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    moderator = make_moderator()
    question = make_question(author=bob)
    with django_capture_on_commit_callbacks(execute=True):
        posts.delete_post(post=question, by=moderator)
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, actor=moderator).count() == 1


def test_an_author_deleting_their_own_post_is_not_audited(
    bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    question = make_question(author=bob)
    with django_capture_on_commit_callbacks(execute=True):
        posts.delete_post(post=question, by=bob)
    assert not AuditEntry.objects.exists()


def test_moderation_services_are_not_logged_twice(
    bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    moderator = make_moderator()
    question = make_question(author=bob)
    with django_capture_on_commit_callbacks(execute=True):
        services.lock_post(post=question, by=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_post(post=question, by=moderator)
    assert AuditEntry.objects.filter(action=AuditAction.LOCK).count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.DELETE).count() == 1


def test_a_lock_through_posts_services_is_audited(
    bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    from deepcommons.posts.services.moderation import lock_post

    moderator = make_moderator()
    with django_capture_on_commit_callbacks(execute=True):
        lock_post(post=make_question(author=bob), by=moderator)
    assert AuditEntry.objects.get().action == AuditAction.LOCK


def test_posts_voted_down_to_minus_three_go_to_low_quality(
    bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    answer = make_answer(make_question(), author=bob, body="A long enough answer " * 5)
    for _n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            posts.vote(post=answer, user=make_trusted(reputation=500), value=-1)
    assert ReviewItem.objects.pending().filter(queue=Queue.LOW_QUALITY, post=answer).exists()
