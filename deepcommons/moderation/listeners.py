"""What moderation hears from posts: review queues and the audit of moderator acts.

Moderation's own services log their actions themselves; this listener logs
the moderator actions done through posts' own pages (a moderator deleting
someone else's post, closing from the question page…), skipping any the
services already logged in the same moment."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from deepcommons.moderation.models import AuditAction, AuditEntry, Queue
from deepcommons.moderation.services.audit import log_action
from deepcommons.moderation.services.review import (
    enqueue,
    enqueue_if_low_quality,
    enqueue_new_post,
)
from deepcommons.posts.models import Post

# Post events that are moderator actions when done by someone other than the author.
EVENT_ACTIONS = {
    "deleted": AuditAction.DELETE,
    "restored": AuditAction.UNDELETE,
    "closed": AuditAction.CLOSE,
    "reopened": AuditAction.REOPEN,
    "locked": AuditAction.LOCK,
    "unlocked": AuditAction.UNLOCK,
    "pinned": AuditAction.PIN,
    "unpinned": AuditAction.UNPIN,
    "featured": AuditAction.FEATURE,
    "unfeatured": AuditAction.UNFEATURE,
    "moved": AuditAction.MOVE,
    "merged": AuditAction.MERGE,
    "released": AuditAction.RELEASE,
    "uncommented": AuditAction.DELETE_COMMENT,
    "edit-approved": AuditAction.APPROVE_EDIT,
    "edit-rejected": AuditAction.REJECT_EDIT,
}
# A service's own entry and the hook for the same change are this close in time.
SAME_ACTION_WINDOW = timedelta(minutes=2)


def on_post_event(event: str, post: Post, **data: Any) -> None:
    if event in ("created", "published") and not post.is_draft:
        enqueue_new_post(post=post)
    elif event == "held":
        enqueue(queue=Queue.HELD, post=post, reason=str(data.get("reason", ""))[:300])
    elif event == "voted" and data.get("value", 0) < data.get("old", 0):
        # Only a vote that lowered the score can bring it to the low-quality
        # line; the others skip the re-read of the score.
        post.refresh_from_db(fields=["score"])
        enqueue_if_low_quality(post=post)
    elif event in ("suggested-edit", "edit-suggested"):
        edit = data.get("edit")
        if edit is not None:
            enqueue(queue=Queue.SUGGESTED_EDITS, post=post, edit_id=edit.pk, reason="edit")
    if event in EVENT_ACTIONS:
        audit_post_event(event, post, **data)


def audit_post_event(event: str, post: Post, **data: Any) -> AuditEntry | None:
    """Log a moderator's act done outside moderation's services, once."""
    by = data.get("by")
    if by is None and event == "deleted":
        by = post.deleted_by
    if by is None or not getattr(by, "is_authenticated", False):
        return None
    target: Any = data.get("comment") if event == "uncommented" else post
    author_id = getattr(target, "author_id", None)
    if event in ("deleted", "restored", "uncommented") and author_id == by.pk:
        return None
    action = EVENT_ACTIONS[event]
    already = AuditEntry.objects.filter(
        actor=by,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        created_at__gte=timezone.now() - SAME_ACTION_WINDOW,
    ).exists()
    if already:
        return None
    return log_action(actor=by, action=action, target=target, after={"event": event})
