from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction, AuditEntry
from deepcommons.moderation.services import destroy_spammer
from deepcommons.moderation.tests.factories import (
    make_administrator,
    make_moderator,
    make_trusted,
)
from deepcommons.posts import services as posts
from deepcommons.posts.models import Comment, Post, Vote
from deepcommons.posts.tests.factories import make_answer, make_comment, make_question

pytestmark = pytest.mark.django_db


def reputations(*users: User) -> list[int]:
    return [User.objects.get(pk=u.pk).reputation for u in users]


def test_destroy_spammer_restores_voters_and_authors_reputation_exactly(
    alice: User, bob: User, charlie: User
) -> None:
    spammer = make_trusted(reputation=200, username="spammer")
    question = make_question(author=alice, title="How do I batch?")
    honest_answer = make_answer(question, author=bob)
    before = reputations(alice, bob, charlie)
    # The spammer upvotes alice's question, downvotes bob's answer, and posts.
    posts.vote(post=question, user=spammer, value=1)
    posts.vote(post=honest_answer, user=spammer, value=-1)
    spam = make_answer(question, author=spammer, body="Buy followers at spam.example")
    posts.vote(post=spam, user=charlie, value=1)
    make_comment(question, author=spammer, body="Visit spam.example")
    assert reputations(alice, bob, charlie) != before

    counts = destroy_spammer(user=spammer, by=make_moderator(), reason="Link spam")

    assert reputations(alice, bob, charlie) == before
    assert counts == {"posts": 1, "comments": 1, "votes": 2}
    assert not Vote.objects.filter(user=spammer).exists()
    assert not Post.objects.filter(author=spammer, deleted_at__isnull=True).exists()
    assert not Comment.objects.filter(author=spammer, deleted_at__isnull=True).exists()
    spammer.refresh_from_db()
    assert not spammer.is_active and spammer.is_suspended
    question.refresh_from_db()
    assert (question.score, question.answer_count, question.comment_count) == (0, 1, 0)
    entry = AuditEntry.objects.get(action=AuditAction.DESTROY_SPAMMER)
    assert entry.after["posts"] == 1 and entry.after["votes"] == 2
    assert AuditEntry.objects.count() == 1


def test_destroyed_content_leaves_the_question_page(alice: User, charlie_client: Client) -> None:
    spammer = make_trusted(reputation=200, username="spammer")
    question = make_question(author=alice)
    make_answer(question, author=spammer, body="CHEAP-WATCHES-HERE")
    page = charlie_client.get(question.get_absolute_url())
    assert "CHEAP-WATCHES-HERE" in page.content.decode()
    destroy_spammer(user=spammer, by=make_moderator())
    page = charlie_client.get(question.get_absolute_url())
    assert "CHEAP-WATCHES-HERE" not in page.content.decode()


def test_destroying_an_administrator_is_refused(bob: User) -> None:
    make_administrator(bob)
    with pytest.raises(ValidationError):
        destroy_spammer(user=bob, by=make_moderator())
    bob.refresh_from_db()
    assert bob.is_active
