from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from deepcommons.accounts.models import User
from deepcommons.moderation.abuse import tasks
from deepcommons.moderation.abuse.serial_votes import reverse_serial_votes
from deepcommons.moderation.models import AuditAction, AuditEntry
from deepcommons.posts import services
from deepcommons.posts.models import Post, Vote
from deepcommons.posts.tests.factories import make_answer, make_question


def posts_by(author: User, count: int) -> list[Post]:
    question = make_question(author=author, title="A question to hang answers on")
    return [question] + [make_answer(question, author=author) for _ in range(count - 1)]


def vote_on(posts: list[Post], voter: User, *, minutes_apart: int = 5) -> None:
    start = timezone.now() - timedelta(hours=2)
    for n, post in enumerate(posts):
        with freeze_time(start + timedelta(minutes=minutes_apart * n)):
            services.vote(post=post, user=voter, value=1)


def reputation(user: User) -> int:
    user.refresh_from_db(fields=["reputation"])
    return user.reputation


def test_twelve_votes_in_an_hour_are_reversed_with_an_audit_entry(alice: User, bob: User) -> None:
    posts = posts_by(alice, 12)
    before = reputation(alice)
    vote_on(posts, bob)
    assert reputation(alice) > before

    pairs = reverse_serial_votes()

    assert [(p.voter_id, p.author_id, p.reversed_votes) for p in pairs] == [(bob.pk, alice.pk, 12)]
    assert reputation(alice) == before
    assert not Vote.objects.filter(user=bob).exists()
    assert all(p.score == 0 for p in Post.objects.filter(author=alice))
    entry = AuditEntry.objects.get(action=AuditAction.SERIAL_VOTING)
    assert entry.actor is None
    assert entry.target_id == bob.pk
    assert entry.before is not None and entry.after is not None
    assert entry.before["votes"] == 12 and entry.before["author"] == "alice"
    assert entry.after["reputation_reversed"] == pairs[0].reputation_reversed > 0


def test_five_votes_are_left_alone(alice: User, bob: User) -> None:
    posts = posts_by(alice, 5)
    vote_on(posts, bob)
    earned = reputation(alice)
    assert reverse_serial_votes() == []
    assert Vote.objects.filter(user=bob).count() == 5
    assert reputation(alice) == earned
    assert not AuditEntry.objects.filter(action=AuditAction.SERIAL_VOTING).exists()


def test_votes_spread_over_days_are_left_alone(alice: User, bob: User) -> None:
    posts = posts_by(alice, 12)
    vote_on(posts, bob, minutes_apart=6 * 60)  # 12 votes over three days
    assert reverse_serial_votes() == []
    assert Vote.objects.filter(user=bob).count() == 12


def test_running_twice_reverses_once(alice: User, bob: User, charlie: User) -> None:
    vote_on(posts_by(alice, 11), bob)
    vote_on(posts_by(charlie, 3), bob)
    assert len(reverse_serial_votes()) == 1
    assert reverse_serial_votes() == []
    assert AuditEntry.objects.filter(action=AuditAction.SERIAL_VOTING).count() == 1
    # bob's votes on charlie's posts were never serial, so they stay.
    assert Vote.objects.filter(user=bob).count() == 3


def test_the_command_reports_and_the_threshold_is_an_option(alice: User, bob: User) -> None:
    vote_on(posts_by(alice, 6), bob)
    out = StringIO()
    call_command("detect_serial_votes", "--threshold", "6", stdout=out)
    assert "@bob → @alice: 6 votes reversed" in out.getvalue()
    assert "1 serial voters found." in out.getvalue()


@pytest.mark.django_db
def test_the_task_reverses_with_the_settings_defaults(
    alice: User, bob: User, settings: object
) -> None:
    settings.ABUSE_SERIAL_VOTES_THRESHOLD = 4  # type: ignore[attr-defined]
    vote_on(posts_by(alice, 4), bob)
    result = tasks.detect_serial_votes.enqueue()
    assert result.return_value == 4
    assert not Vote.objects.filter(user=bob).exists()
