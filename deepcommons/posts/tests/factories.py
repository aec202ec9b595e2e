"""Posts built through the services, so counters and revisions are real."""

from __future__ import annotations

from typing import Any

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts import services
from deepcommons.posts.models import Comment, Kind, Post
from deepcommons.posts.services import PostInput

QUESTION_BODY = (
    "My loss is `nan` after a few steps:\n\n```python\nloss = criterion(model(x), y)\n"
    "loss.backward()\n```\n\nThe learning rate is $\\eta = 10^{-3}$."
)


def make_post(
    kind: str = Kind.QUESTION,
    *,
    author: User | None = None,
    title: str = "Why does my loss become NaN?",
    body: str = QUESTION_BODY,
    tags: Any = "pytorch",
    **extra: Any,
) -> Post:
    return services.create_post(
        author=author or UserFactory.create(),
        kind=kind,
        data=PostInput(title=title, body=body, tags=tags, **extra),
    )


def make_question(**kwargs: Any) -> Post:
    return make_post(Kind.QUESTION, **kwargs)


def make_answer(question: Post, *, author: User | None = None, body: str = "Lower the LR.") -> Post:
    return services.create_child(parent=question, author=author or UserFactory.create(), body=body)


def make_comment(post: Post, *, author: User | None = None, body: str = "Nice.") -> Comment:
    return services.add_comment(post=post, author=author or UserFactory.create(), body=body)


def make_site_moderator(username: str = "mod") -> User:
    """A member of the Moderators group (moderates every post)."""
    from django.contrib.auth.models import Group

    user = UserFactory.create(username=username)
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return user
