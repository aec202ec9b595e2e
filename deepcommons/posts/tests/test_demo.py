from __future__ import annotations

import io

from deepcommons.accounts import demo as accounts_demo
from deepcommons.posts import demo as posts_demo
from deepcommons.posts.models import Kind, Post
from deepcommons.spaces import demo as spaces_demo


def test_demo_builds_a_community_with_accepted_answers(db: None) -> None:
    out = io.StringIO()
    accounts_demo.build(out)
    spaces_demo.build(out)
    posts_demo.build(out)
    questions = Post.objects.filter(kind=Kind.QUESTION)
    assert questions.count() == len(posts_demo.QUESTIONS)
    assert questions.filter(accepted_answer__isnull=False).count() == 3
    assert Post.objects.filter(kind=Kind.TUTORIAL, series__isnull=False).count() == 3
    assert questions.filter(title__contains="目标检测").exists()
    assert Post.objects.filter(score__gt=0).count() >= 5
    posts_demo.build(out)  # idempotent
    assert Post.objects.filter(kind=Kind.QUESTION).count() == len(posts_demo.QUESTIONS)
