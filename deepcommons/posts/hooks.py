"""Higher apps (search, social, analytics) hear about post changes here.

Apps depend downward, so posts cannot import the apps that react to it. A
higher app subscribes a function in its AppConfig.ready(); the post services
call `publish` after their transaction commits. It is the one sanctioned way
up the dependency graph, next to accounts' export registry: explicit, typed
and easy to grep, unlike a Django signal fired from save().

Events (the `event` argument), the services that publish them, and their data:

  "created"        create_post, create_child: a post of any kind (question,
                   answer, reply, article, …); release_post, after "released"
  "held"           create_post, create_child (a screen held the new post;
                   published instead of "created"), hold_post: waiting for
                   review; data: by (None), reason, new, and for hold_post
                   before, after (moderation.state)
  "edited"         edit_post, rollback_post: title, body or tags changed
  "published"      edit_post: a draft article or tutorial went public (after "edited")
  "deleted"        delete_post: soft-deleted
  "restored"       undelete_post
  "voted"          vote: score changed; data: user, value (+1/0/-1), old (the
                   previous vote)
  "accepted"       accept_answer: post is the answer; data: by, previous (the
                   id of the answer it replaces, or None)
  "unaccepted"     unaccept_answer: the asker took back their acceptance (post
                   is the question); data: by, answer_id
  "commented"      add_comment: post is the commented post; data: comment
  "comment-edited" edit_comment: post is the commented post; data: comment, by
                   (the author or a moderator)
  "uncommented"    delete_comment: post is the commented post; data: comment
  "released"       release_post: a held post published; data: by, before, after
  "closed"         close_post; data: by, via_votes, before, after
  "reopened"       reopen_post; data: by, via_votes, before, after
  "locked"         lock_post; data: by, before, after
  "unlocked"       unlock_post; data: by, before, after
  "pinned"         pin_post; data: by, before, after
  "unpinned"       unpin_post; data: by, before, after
  "featured"       feature_post; data: by, before, after
  "unfeatured"     unfeature_post; data: by, before, after
  "moved"          move_post: another space; data: by, before, after
  "merged"         merge_questions: post is the source; data: by, target,
                   answer_ids (moved), before, after
  "edit-approved"  approve_suggested_edit: data: edit, by (the reviewer)
  "edit-rejected"  reject_suggested_edit: data: edit, by, reason

  Every data `before` and `after` is posts.services.moderation.state(post).

Who listens, each subscribed in its app's AppConfig.ready():

  notify    posts.notify.on_post_event: notifications, watching, mentions
  index     search.services.on_post_event: the full-text index
  embed     search.services.on_question_event: question embeddings (semantic search)
  activity  analytics.listeners.on_post_event: the activity log
  audit     moderation.listeners.on_post_event: review queues and the audit log

  event           notify                           index   embed     activity
  --------------  -------------------------------  ------  --------  ------------------------
  created         announce; reply for a child      thread  question  post; answer for a child
  edited          —                                thread  question  —
  published       announce                         thread  question  post
  deleted         —                                thread  question  —
  restored        —                                thread  question  —
  voted           vote milestone if the vote rose  post    —         vote (not a retraction)
  accepted        accepted_answer to its author    thread  —         accept
  unaccepted      —                                thread  —         —
  commented       comment to the author; mentions  post    —         comment
  comment-edited  mentions added by the edit       thread  —         —
  uncommented     —                                thread  —         —
  held            —                                thread  —         —
  released        —                                thread  —         —
  closed          —                                thread  —         —
  reopened        —                                thread  —         —
  locked          —                                thread  —         —
  unlocked        —                                thread  —         —
  pinned          —                                thread  —         —
  unpinned        —                                thread  —         —
  featured        —                                thread  —         —
  unfeatured      —                                thread  —         —
  moved           —                                thread  —         —
  merged          —                                thread  —         —
  edit-approved   —                                thread  —         —
  edit-rejected   —                                thread  —         —

  announce  only for a published top-level post: the author watches it, the
            followers of its author, space and tags get one followed_post each
            (fan-out in a task) and @mentions in the body are notified.
  reply     the parent's author and the author of the quoted reply get reply,
            the parent's watchers get watched_activity, @mentions are notified.
  thread    the post, its parent and its children are re-indexed (counts,
            the accepted mark, visibility and the thread's tags can change).
  post      a top-level post alone; an answer or reply with its thread.
  question  a question is re-embedded, in a task, when the semantic extra is
            installed.

Listeners that must change rows together with the post subscribe with
`subscribe_in_transaction` instead: they run inside the writer's
transaction, before it commits, and an error in one rolls the change back.

  ledger    reputation.listeners.on_post_event: the reputation ledger

  event      ledger
  ---------  ------------------------------------------------------------
  voted      the vote's reputation (the old vote's rows reversed first)
  accepted   +15 and +2, after reversing the answer it replaces
  unaccepted the accept's rows reversed
  deleted    everything the post earned reversed
  restored   exactly what the deletion took, given back
  edit-approved  +2 to the edit's proposer

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
_in_transaction: list[Listener] = []


def subscribe(listener: Listener) -> None:
    """Call `listener(event, post, **data)` after each post change commits."""
    if listener not in _listeners:
        _listeners.append(listener)


def subscribe_in_transaction(listener: Listener) -> None:
    """Call `listener(event, post, **data)` inside the writer's transaction.

    For rows that must commit with the change or not at all (the reputation
    ledger). The listener's exception propagates and rolls the change back.
    """
    if listener not in _in_transaction:
        _in_transaction.append(listener)


def publish(event: str, post: Post, **data: Any) -> None:
    """Tell the in-transaction subscribers now, and every other subscriber
    once the surrounding transaction has committed.

    A failing after-commit listener is logged and does not undo the change or
    stop the other listeners: the post is already saved.
    """
    from deepcommons.posts.pagecache import post_changed

    post_changed(post, event)
    for listener in list(_in_transaction):
        listener(event, post, **data)

    def deliver() -> None:
        for listener in list(_listeners):
            try:
                listener(event, post, **data)
            except Exception:
                logger.exception("post hook %s failed for %s", listener, event)

    transaction.on_commit(deliver)
