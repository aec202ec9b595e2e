"""Answers to questions and replies in discussions, and the asker's accepted answer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts import hooks
from deepcommons.posts.models import CHILD_KIND, Kind, Post, hot_score
from deepcommons.posts.services.posts import PostInput, render_body, validate_post_input
from deepcommons.posts.services.revisions import record_revision
from deepcommons.spaces.services import touch_space


@transaction.atomic
def create_child(*, parent: Post, author: User, body: str, reply_to: Post | None = None) -> Post:
    """An answer to a question or a reply in a discussion."""
    if parent.kind not in CHILD_KIND:
        raise ValidationError(_("You cannot answer this kind of post."))
    if parent.is_deleted or parent.is_draft:
        raise PermissionDenied
    kind = CHILD_KIND[Kind(parent.kind)]
    validate_post_input(kind=kind, data=PostInput(body=body))
    if reply_to is not None and reply_to.parent_id != parent.pk:
        reply_to = None
    now = timezone.now()
    child = Post.objects.create(
        kind=kind,
        author=author,
        parent=parent,
        reply_to=reply_to,
        body=body,
        body_html=render_body(body),
        created_at=now,
        last_activity_at=now,
        hot=hot_score(0, now),
    )
    Post.objects.filter(pk=parent.pk).update(
        answer_count=F("answer_count") + 1, last_activity_at=now
    )
    touch_space(space_id=parent.space_id)
    record_revision(post=child, by=author)
    hooks.publish("created", child)
    return child


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
