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
