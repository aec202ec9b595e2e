"""Writes to posts. Pages, the API and commands all call these functions.

Every counter is changed with an `F()` update inside the transaction that
changes what it counts, so concurrent requests never lose an increment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, FloatField, Value
from django.db.models.functions import Abs, Greatest, Log, Sign
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.core.images import process_image
from deepcommons.core.markdown import render_markdown
from deepcommons.posts import hooks
from deepcommons.posts.models import (
    BODY_MAX,
    CHILD_KIND,
    COMMENT_EDIT_GRACE,
    COMMENT_MAX,
    HOT_EPOCH,
    HOT_GRAVITY_SECONDS,
    SUMMARY_MAX,
    TITLE_MAX,
    Bookmark,
    Comment,
    Difficulty,
    Draft,
    Kind,
    Post,
    ReadMark,
    Revision,
    Series,
    Status,
    Vote,
    hot_score,
    reading_minutes,
)
from deepcommons.social.mentions import link_mentions
from deepcommons.spaces.models import Space
from deepcommons.spaces.services import (
    change_tag_usage,
    parse_tag_names,
    record_space_post,
    resolve_tags,
    touch_space,
    validate_tag_names,
)

COVER_MAX_BYTES = 5 * 1024 * 1024
COVER_MAX_PIXELS = 6000
TITLED_KINDS = (Kind.QUESTION, Kind.DISCUSSION, Kind.ARTICLE, Kind.TUTORIAL)


@dataclass
class PostInput:
    """The fields an author writes; what is not used by a kind is ignored."""

    title: str = ""
    body: str = ""
    tags: Any = ""
    space: Space | None = None
    summary: str = ""
    difficulty: str = ""
    prerequisites: str = ""
    series: Series | None = None
    series_position: int = 0
    cover: UploadedFile | None = None
    status: str = Status.PUBLISHED


def render_body(text: str) -> str:
    """Markdown to safe HTML, with @mentions of existing members linked."""
    return link_mentions(render_markdown(text))


def validate_post_input(*, kind: str, data: PostInput) -> list[str]:
    """Check limits; returns the parsed tag names. Errors are keyed by field."""
    errors: dict[str, list[str]] = {}
    if kind in TITLED_KINDS:
        if not data.title.strip():
            errors.setdefault("title", []).append(_("Add a title."))
        elif len(data.title) > TITLE_MAX:
            errors.setdefault("title", []).append(
                _("The title is %(n)d characters long; the limit is %(max)d.")
                % {"n": len(data.title), "max": TITLE_MAX}
            )
    if not data.body.strip():
        errors.setdefault("body", []).append(_("The text cannot be empty."))
    elif len(data.body) > BODY_MAX:
        errors.setdefault("body", []).append(
            _("The text is %(n)d characters long; the limit is %(max)d.")
            % {"n": len(data.body), "max": BODY_MAX}
        )
    if len(data.summary) > SUMMARY_MAX:
        errors.setdefault("summary", []).append(
            _("The summary is limited to %(max)d characters.") % {"max": SUMMARY_MAX}
        )
    if data.difficulty and data.difficulty not in Difficulty.values:
        errors.setdefault("difficulty", []).append(_("Choose a difficulty from the list."))
    names: list[str] = []
    if kind in TITLED_KINDS:
        names = parse_tag_names(data.tags or "")
        try:
            validate_tag_names(names, minimum=1 if kind == Kind.QUESTION else 0)
        except ValidationError as exc:
            errors.setdefault("tags", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return names


def _hot_expression(post: Post, delta: int) -> Any:
    """hot for score+delta, computed in the database from the row's current score."""
    new_score = F("score") + delta
    age = (post.created_at - HOT_EPOCH).total_seconds() / HOT_GRAVITY_SECONDS
    return Sign(new_score) * Log(
        Value(10.0), Greatest(Abs(new_score), Value(1), output_field=FloatField())
    ) + Value(age)


def _snapshot(*, post: Post, by: User, note: str = "") -> Revision:
    number = post.revision_count + 1
    Post.objects.filter(pk=post.pk).update(revision_count=F("revision_count") + 1)
    post.revision_count = number
    return Revision.objects.create(
        post=post,
        number=number,
        title=post.title,
        body=post.body,
        tag_names=[t.name for t in post.tags.all()] if post.is_top_level else [],
        author=by,
        note=note,
    )


def _touch_thread(post: Post) -> None:
    now = timezone.now()
    Post.objects.filter(pk=post.pk).update(last_activity_at=now)
    touch_space(space_id=post.space_id)


@transaction.atomic
def create_post(*, author: User, kind: str, data: PostInput) -> Post:
    """A question, discussion, article or tutorial, with revision 1."""
    if kind not in TITLED_KINDS:
        raise ValueError(f"create_post does not make {kind}s")
    names = validate_post_input(kind=kind, data=data)
    if data.series is not None and data.series.author_id != author.pk:
        raise ValidationError({"series": [_("You can only add posts to your own series.")]})
    now = timezone.now()
    post = Post(
        kind=kind,
        status=data.status,
        author=author,
        space=data.space,
        title=data.title.strip(),
        body=data.body,
        body_html=render_body(data.body),
        created_at=now,
        last_activity_at=now,
        hot=hot_score(0, now),
    )
    if kind in (Kind.ARTICLE, Kind.TUTORIAL):
        post.summary = data.summary.strip()
        post.reading_minutes = reading_minutes(data.body)
        post.series = data.series
        post.series_position = data.series_position
    if kind == Kind.TUTORIAL:
        post.difficulty = data.difficulty or Difficulty.BEGINNER
        post.prerequisites = data.prerequisites
    if data.cover is not None:
        _set_cover(post, data.cover)
    post.save()
    tags = resolve_tags(names=names)
    post.tags.set(tags)
    if post.status == Status.PUBLISHED:
        change_tag_usage(tag_ids=[t.pk for t in tags], delta=1)
        record_space_post(space_id=post.space_id, delta=1)
    _snapshot(post=post, by=author)
    hooks.publish("created", post)
    return post


def _set_cover(post: Post, upload: UploadedFile) -> None:
    try:
        image = process_image(upload, max_bytes=COVER_MAX_BYTES, max_pixels=COVER_MAX_PIXELS)
    except ValidationError as exc:
        raise ValidationError({"cover": exc.messages}) from None
    post.cover.save("cover.webp", image.content, save=False)


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
    _snapshot(post=child, by=author)
    hooks.publish("created", child)
    return child


def create_question(
    *, author: User, title: str, body: str, tags: Any, space: Space | None = None
) -> Post:
    return create_post(
        author=author,
        kind=Kind.QUESTION,
        data=PostInput(title=title, body=body, tags=tags, space=space),
    )


def create_answer(*, question: Post, author: User, body: str) -> Post:
    return create_child(parent=question, author=author, body=body)


@transaction.atomic
def edit_post(*, post: Post, by: User, data: PostInput, note: str = "") -> Post:
    """Save the author's changes and a new revision; publishing a draft counts it."""
    if not post.can_be_edited_by(by):
        raise PermissionDenied
    names = validate_post_input(kind=post.kind, data=data)
    _apply(post=post, data=data, names=names, by=by, note=note)
    return post


def _apply(*, post: Post, data: PostInput, names: list[str], by: User, note: str) -> None:
    was_published = post.status == Status.PUBLISHED
    old_tag_ids = set(post.tags.values_list("pk", flat=True)) if post.is_top_level else set()
    old_space_id = post.space_id
    post.body = data.body
    post.body_html = render_body(data.body)
    post.edited_at = timezone.now()
    if post.is_top_level:
        post.title = data.title.strip()
        post.space = data.space
        if post.kind in (Kind.ARTICLE, Kind.TUTORIAL):
            post.summary = data.summary.strip()
            post.reading_minutes = reading_minutes(data.body)
            if data.series is None or data.series.author_id == post.author_id:
                post.series = data.series
            post.series_position = data.series_position
        if post.kind == Kind.TUTORIAL:
            post.difficulty = data.difficulty or post.difficulty
            post.prerequisites = data.prerequisites
        if data.cover is not None:
            _set_cover(post, data.cover)
        if data.status:
            post.status = data.status
    post.save(
        update_fields=[
            "body",
            "body_html",
            "edited_at",
            "title",
            "space",
            "summary",
            "reading_minutes",
            "series",
            "series_position",
            "difficulty",
            "prerequisites",
            "cover",
            "status",
        ]
    )
    now_published = post.status == Status.PUBLISHED
    if post.is_top_level:
        tags = resolve_tags(names=names)
        post.tags.set(tags)
        new_tag_ids = {t.pk for t in tags}
        counted_before = old_tag_ids if was_published else set()
        counted_after = new_tag_ids if now_published else set()
        change_tag_usage(tag_ids=counted_after - counted_before, delta=1)
        change_tag_usage(tag_ids=counted_before - counted_after, delta=-1)
        if was_published:
            record_space_post(space_id=old_space_id, delta=-1)
        if now_published:
            record_space_post(space_id=post.space_id, delta=1)
        _touch_thread(post)
    else:
        _touch_thread(post.thread)
    _snapshot(post=post, by=by, note=note)
    hooks.publish("edited", post)
    if post.is_top_level and now_published and not was_published:
        hooks.publish("published", post)


@transaction.atomic
def rollback_post(*, post: Post, revision: Revision, by: User) -> Post:
    """Restore an earlier revision's title, body and tags as a new revision."""
    if revision.post_id != post.pk or not post.can_be_edited_by(by):
        raise PermissionDenied
    data = PostInput(
        title=revision.title,
        body=revision.body,
        tags=revision.tag_names,
        space=post.space,
        summary=post.summary,
        difficulty=post.difficulty,
        prerequisites=post.prerequisites,
        series=post.series,
        series_position=post.series_position,
        status=post.status,
    )
    names = parse_tag_names(revision.tag_names) if post.is_top_level else []
    note = _("Rolled back to revision %(n)d") % {"n": revision.number}
    _apply(post=post, data=data, names=names, by=by, note=note)
    return post


def _count_in_or_out(post: Post, delta: int) -> None:
    if post.status != Status.PUBLISHED:
        return
    if post.is_top_level:
        change_tag_usage(tag_ids=post.tags.values_list("pk", flat=True), delta=delta)
        record_space_post(space_id=post.space_id, delta=delta)
    elif post.parent_id:
        Post.objects.filter(pk=post.parent_id).update(
            answer_count=Greatest(F("answer_count") + delta, 0)
        )


@transaction.atomic
def delete_post(*, post: Post, by: User) -> None:
    """Soft delete: hidden from all but the author and moderators; counters drop."""
    if not post.can_be_deleted_by(by):
        raise PermissionDenied
    updated = Post.objects.filter(pk=post.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now(), deleted_by=by
    )
    if updated:
        post.refresh_from_db(fields=["deleted_at", "deleted_by"])
        _count_in_or_out(post, -1)
        hooks.publish("deleted", post)


@transaction.atomic
def undelete_post(*, post: Post, by: User) -> None:
    if not post.can_be_deleted_by(by):
        raise PermissionDenied
    updated = Post.objects.filter(pk=post.pk, deleted_at__isnull=False).update(
        deleted_at=None, deleted_by=None
    )
    if updated:
        post.deleted_at = None
        post.deleted_by = None
        _count_in_or_out(post, 1)
        hooks.publish("restored", post)


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
    Post.objects.filter(pk=question.pk).update(
        accepted_answer=answer, last_activity_at=timezone.now()
    )
    hooks.publish("accepted", answer, by=by)


@transaction.atomic
def unaccept_answer(*, question: Post, by: User) -> None:
    if not question.can_accept_answers(by):
        raise PermissionDenied
    if Post.objects.filter(pk=question.pk, accepted_answer__isnull=False).update(
        accepted_answer=None
    ):
        hooks.publish("unaccepted", question, by=by)


def vote(*, post: Post, user: User, value: int) -> int:
    """Set `user`'s vote on `post` to +1, -1 or 0 (retract); returns the new vote.

    Exact under concurrency: the vote row is locked (or created under the
    unique constraint) and counters move by the difference with `F()`.
    """
    if value not in (1, 0, -1):
        raise ValidationError(_("A vote is +1, -1 or 0."))
    if not post.can_be_voted_by(user):
        raise PermissionDenied(_("You cannot vote on this post."))
    if value == -1 and not post.takes_downvotes:
        raise ValidationError(_("This kind of post only takes likes."))
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _vote_once(post=post, user=user, value=value)
        except IntegrityError:
            # The same user voted twice at the same moment; the other request
            # created the row, so try again and update it.
            if attempt == 2:
                raise
    return value


def _vote_once(*, post: Post, user: User, value: int) -> int:
    existing = Vote.objects.select_for_update().filter(user=user, post=post).first()
    old = existing.value if existing else 0
    if old == value:
        return value
    if existing is None:
        Vote.objects.create(user=user, post=post, value=value)
    elif value == 0:
        existing.delete()
    else:
        Vote.objects.filter(pk=existing.pk).update(value=value)
    delta = value - old
    up_delta = int(value == 1) - int(old == 1)
    down_delta = int(value == -1) - int(old == -1)
    Post.objects.filter(pk=post.pk).update(
        score=F("score") + delta,
        upvotes=F("upvotes") + up_delta,
        downvotes=F("downvotes") + down_delta,
        hot=_hot_expression(post, delta),
    )
    hooks.publish("voted", post, user=user, value=value, old=old)
    return value


@transaction.atomic
def bookmark_post(*, post: Post, user: User) -> None:
    if not user.is_authenticated:
        raise PermissionDenied
    _bookmark, created = Bookmark.objects.get_or_create(user=user, post=post)
    if created:
        Post.objects.filter(pk=post.pk).update(bookmark_count=F("bookmark_count") + 1)


@transaction.atomic
def unbookmark_post(*, post: Post, user: User) -> None:
    deleted, _info = Bookmark.objects.filter(user=user, post=post).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(bookmark_count=Greatest(F("bookmark_count") - 1, 0))


def _clean_comment_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("The comment cannot be empty.")]})
    if len(body) > COMMENT_MAX:
        raise ValidationError(
            {
                "body": [
                    _("The comment is %(n)d characters long; the limit is %(max)d.")
                    % {"n": len(body), "max": COMMENT_MAX}
                ]
            }
        )
    return body


@transaction.atomic
def add_comment(*, post: Post, author: User, body: str) -> Comment:
    if not post.takes_comments:
        raise ValidationError(_("This kind of post does not take comments."))
    if post.is_deleted or post.is_draft:
        raise PermissionDenied
    body = _clean_comment_body(body)
    comment = Comment.objects.create(
        post=post, author=author, body=body, body_html=render_body(body)
    )
    Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
    Post.objects.filter(pk=post.thread.pk).update(last_activity_at=timezone.now())
    hooks.publish("commented", post, comment=comment)
    return comment


@transaction.atomic
def edit_comment(*, comment: Comment, by: User, body: str) -> Comment:
    """Replace a comment's text (same limits as a new one). The author may edit
    at any time, the post's moderators too; an edit later than
    COMMENT_EDIT_GRACE after posting is marked with `edited_at`."""
    if not comment.can_be_edited_by(by):
        raise PermissionDenied
    body = _clean_comment_body(body)
    if body == comment.body:
        return comment
    now = timezone.now()
    comment.body = body
    comment.body_html = render_body(body)
    fields = ["body", "body_html"]
    if now - comment.created_at > COMMENT_EDIT_GRACE:
        comment.edited_at = now
        fields.append("edited_at")
    comment.save(update_fields=fields)
    hooks.publish("comment-edited", comment.post, comment=comment, by=by)
    return comment


@transaction.atomic
def delete_comment(*, comment: Comment, by: User) -> None:
    if not comment.can_be_deleted_by(by):
        raise PermissionDenied
    if Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now()
    ):
        Post.objects.filter(pk=comment.post_id).update(
            comment_count=Greatest(F("comment_count") - 1, 0)
        )
        hooks.publish("uncommented", comment.post, comment=comment)


@transaction.atomic
def create_series(*, author: User, title: str, description: str = "") -> Series:
    title = title.strip()
    if not title or len(title) > TITLE_MAX:
        raise ValidationError({"title": [_("A series needs a title of at most 150 characters.")]})
    return Series.objects.create(author=author, title=title, description=description)


def save_draft(*, user: User, key: str, title: str, body: str) -> Draft:
    """Autosave: keeps the latest text for this editor (limits applied by truncation)."""
    draft, _created = Draft.objects.update_or_create(
        user=user,
        key=key[:40],
        defaults={
            "title": title[:TITLE_MAX],
            "body": body[:BODY_MAX],
            "updated_at": timezone.now(),
        },
    )
    return draft


def discard_draft(*, user: User, key: str) -> None:
    Draft.objects.filter(user=user, key=key).delete()


def mark_read(*, user: User, discussion: Post, reply_id: int) -> None:
    """Remember the newest reply `user` has seen (never moves backwards)."""
    mark, created = ReadMark.objects.get_or_create(
        user=user, post=discussion, defaults={"last_read_reply_id": reply_id}
    )
    if not created:
        ReadMark.objects.filter(pk=mark.pk, last_read_reply_id__lt=reply_id).update(
            last_read_reply_id=reply_id
        )
