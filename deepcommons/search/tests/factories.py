"""Posts made through the post services, then indexed."""

from __future__ import annotations

from typing import Any

from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_answer, make_post
from deepcommons.search.services import index_posts
from deepcommons.search.tests.data.corpus import POSTS


def make_indexed(kind: str = Kind.QUESTION, **kwargs: Any) -> Post:
    post = make_post(kind, **kwargs)
    index_posts(post_ids=[post.pk])
    return post


def make_indexed_answer(question: Post, **kwargs: Any) -> Post:
    answer = make_answer(question, **kwargs)
    index_posts(post_ids=[answer.pk, question.pk])
    return answer


def load_corpus(**kwargs: Any) -> dict[str, Post]:
    """The relevance corpus, created and indexed; posts by key."""
    posts: dict[str, Post] = {}
    for key, kind, tags, title, body in POSTS:
        posts[key] = make_post(kind, title=title, body=body, tags=tags, **kwargs)
    index_posts(post_ids=[p.pk for p in posts.values()])
    return posts
