"""Template reads about posts for the viewer (no writes, no business rules)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from deepcommons.posts.models import Post
from deepcommons.posts.views.common import moderates as _moderates

register = template.Library()


@register.simple_tag(takes_context=True)
def moderates(context: Any, post: Post) -> bool:
    """`{% moderates post as mod %}`: the viewer moderates `post` (site or space),
    without a query per post (see `posts.views.common.moderates`)."""
    request = context.get("request")
    return request is not None and _moderates(request, post)


@register.simple_tag(takes_context=True)
def refusal(context: Any, name: str) -> str:
    """`{% refusal "upvote" as why %}`: why the viewer lacks privilege `name`
    (empty when they hold it or are not signed in)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    return str(user.privilege_refusal(name))


@register.simple_tag(takes_context=True)
def vote_refusal(context: Any, post: Post, value: int) -> str:
    """Why the viewer may not vote `value` (1 or -1) on `post`: a lock, or the
    upvote or downvote privilege; empty when they may."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    if _locked(post) and not moderates(context, post):
        return _("This post is locked: only moderators can change it.")
    return str(user.privilege_refusal("upvote" if value == 1 else "downvote"))


@register.simple_tag(takes_context=True)
def comment_refusal(context: Any, post: Post) -> str:
    """Why the viewer may not comment on `post` (empty when they may). Reads
    `post.parent` for answers: the question page sets it, so no query."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    if _locked(post) and not moderates(context, post):
        return _("This post is locked: only moderators can change it.")
    if post.can_be_commented_by(user):
        return ""
    return str(user.privilege_refusal("comment"))


def _locked(post: Post) -> bool:
    """The post or its thread is locked (the thread only when already loaded)."""
    if post.is_locked:
        return True
    parent_loaded = post.parent_id is not None and Post.parent.is_cached(post)  # type: ignore[attr-defined]
    return bool(parent_loaded and post.parent is not None and post.parent.is_locked)
