"""Answers to questions and replies in discussions, and the asker's accepted answer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts import hooks
from deepcommons.posts.models import CHILD_KIND, Kind, Post, Status, hot_score
from deepcommons.posts.services.guards import check_can_write, check_not_locked
from deepcommons.posts.services.posts import (
    PostInput,
    render_body,
    screen_post,
    validate_post_input,
)
from deepcommons.posts.services.revisions import record_revision
from deepcommons.spaces.services import touch_space


@transaction.atomic
def create_child(*, parent: Post, author: User, body: str, reply_to: Post | None = None) -> Post:
    """An answer to a question or a reply in a discussion.

    Closed and locked threads take none (moderators may still answer a
    locked one). Screens may refuse it or hold it: a held child is not
    counted in the parent's `answer_count` until it is released.
    """
    if parent.kind not in CHILD_KIND:
        raise ValidationError(_("You cannot answer this kind of post."))
    check_can_write(author)
    if parent.is_deleted or parent.status != Status.PUBLISHED:
        raise PermissionDenied
    if parent.is_closed:
        raise PermissionDenied(closed_message(parent))
    check_not_locked(parent, author)
    kind = CHILD_KIND[Kind(parent.kind)]
    validate_post_input(kind=kind, data=PostInput(body=body))
    hold_reason = screen_post(author=author, kind=kind, title="", body=body, names=[])
    if reply_to is not None and reply_to.parent_id != parent.pk:
        reply_to = None
    now = timezone.now()
    child = Post.objects.create(
        kind=kind,
        status=Status.HELD if hold_reason else Status.PUBLISHED,
        hold_reason=hold_reason,
        author=author,
        parent=parent,
        reply_to=reply_to,
        body=body,
        body_html=render_body(body),
        created_at=now,
        last_activity_at=now,
        hot=hot_score(0, now),
    )
    record_revision(post=child, by=author)
    if child.is_held:
        hooks.publish("held", child, by=None, reason=hold_reason, new=True)
        return child
    Post.objects.filter(pk=parent.pk).update(
        answer_count=F("answer_count") + 1, last_activity_at=now
    )
    touch_space(space_id=parent.space_id)
    hooks.publish("created", child)
    return child


def closed_message(post: Post) -> str:
    """Why a closed question takes no answers (both languages)."""
    reason = post.get_close_reason_display() if post.close_reason else ""
    if reason:
        return _("This question is closed (%(reason)s) and takes no new answers.") % {
            "reason": reason
        }
    return _("This question is closed and takes no new answers.")


@transaction.atomic
def accept_answer(*, answer: Post, by: User) -> None:
    """The asker marks `answer` as the accepted one (replacing any earlier choice)."""
    if answer.kind != Kind.ANSWER or answer.is_deleted:
        raise ValidationError(_("Only a live answer can be accepted."))
    if answer.parent_id is None:
        raise ValidationError(_("Only a live answer can be accepted."))
    question = Post.objects.select_for_update().get(pk=answer.parent_id)
    if not question.can_accept_answers(by):
        raise PermissionDenied
    previous = question.accepted_answer_id
    Post.objects.filter(pk=question.pk).update(
        accepted_answer=answer, last_activity_at=timezone.now()
    )
    answer.parent = question
    hooks.publish("accepted", answer, by=by, previous=previous)


@transaction.atomic
def unaccept_answer(*, question: Post, by: User) -> None:
    if not question.can_accept_answers(by):
        raise PermissionDenied
    locked = Post.objects.select_for_update().get(pk=question.pk)
    if locked.accepted_answer_id is None:
        return
    Post.objects.filter(pk=question.pk).update(accepted_answer=None)
    hooks.publish("unaccepted", question, by=by, answer_id=locked.accepted_answer_id)
