from __future__ import annotations

from django.core.management import call_command

from deepcommons.accounts.models import User
from deepcommons.posts.models import Comment, Kind, Post


def test_seed_writes_the_requested_rows_with_consistent_counters(db: None) -> None:
    call_command("seed", users=30, posts=200, comments=40, seed=7)
    assert User.objects.filter(username__startswith="seed").count() == 30
    assert Post.objects.count() == 200
    assert Comment.objects.count() == 40
    question = Post.objects.filter(kind=Kind.QUESTION, answer_count__gt=0).first()
    assert question is not None
    assert question.answer_count == Post.objects.filter(parent=question).count()
    assert all(p.tags.count() >= 1 for p in Post.objects.filter(parent__isnull=True)[:10])


def test_seeding_twice_adds_members_with_fresh_usernames(db: None) -> None:
    call_command("seed", users=20, posts=60, comments=10, seed=7)
    first = set(User.objects.values_list("username", flat=True))
    # Same --seed again: it used to draw the same usernames and crash.
    call_command("seed", users=20, posts=60, comments=10, seed=7)
    usernames = list(User.objects.values_list("username", flat=True))
    assert len(usernames) == len(set(usernames)) == len(first) + 20
    assert Post.objects.count() == 120
    assert Comment.objects.count() == 20
    # Counters still match the rows written, the second run's posts included.
    for question in Post.objects.filter(kind=Kind.QUESTION, answer_count__gt=0):
        assert question.answer_count == Post.objects.filter(parent=question).count()
