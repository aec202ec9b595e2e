"""Higher apps (search, social, analytics) hear about post changes here.

Apps depend downward, so posts cannot import the apps that react to it. A
higher app subscribes a function in its AppConfig.ready(); the post services
call `publish` after their transaction commits. It is the one sanctioned way
up the dependency graph, next to accounts' export registry: explicit, typed
and easy to grep, unlike a Django signal fired from save().

Events (the `event` argument):
  "created"   a post of any kind (question, answer, reply, article, …)
  "edited"    title, body or tags changed (also rollback)
  "published" a draft article or tutorial went public (after "edited")
  "deleted"   soft-deleted
  "restored"  undeleted
  "voted"     score changed; data: user, value (+1/0/-1), old (the previous vote)
  "accepted"  an answer was accepted (post is the answer); data: by
  "commented" a comment was added (post is the commented post); data: comment
  "comment-edited" a comment's text changed (post is the commented post);
              data: comment, by (the author or a moderator)
  "uncommented" a comment was deleted (post is the commented post); data: comment
  "unaccepted" the asker took back their acceptance (post is the question)

Publishing also bumps the post's cached-page versions (`posts.pagecache`)
right away, inside the writer's transaction, so the change and the
invalidation commit together.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import transaction

if TYPE_CHECKING:
    from deepcommons.posts.models import Post

logger = logging.getLogger(__name__)

Listener = Callable[..., None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    """Call `listener(event, post, **data)` after each post change commits."""
    if listener not in _listeners:
        _listeners.append(listener)


def publish(event: str, post: Post, **data: Any) -> None:
    """Tell every subscriber, once the surrounding transaction has committed.

    A failing listener is logged and does not undo the change or stop the
    other listeners: the post is already saved.
    """
    from deepcommons.posts.pagecache import post_changed

    post_changed(post, event)

    def deliver() -> None:
        for listener in list(_listeners):
            try:
                listener(event, post, **data)
            except Exception:
                logger.exception("post hook %s failed for %s", listener, event)

    transaction.on_commit(deliver)
