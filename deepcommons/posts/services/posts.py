"""Questions, discussions, articles and tutorials: the author's input and its
checks, creating, editing, and rolling back to an earlier revision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.core.images import process_image
from deepcommons.core.markdown import render_markdown
from deepcommons.posts import hooks, screening
from deepcommons.posts.models import (
    BODY_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Difficulty,
    Kind,
    Post,
    Revision,
    Series,
    Status,
    hot_score,
    reading_minutes,
)
from deepcommons.posts.services.guards import check_can_write, check_not_locked
from deepcommons.posts.services.revisions import record_revision
from deepcommons.social.mentions import link_mentions
from deepcommons.spaces.models import Space, Tag, TagSynonym
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


def check_new_tags(*, names: list[str], user: User, keep: Any = ()) -> None:
    """Tags that do not exist yet (neither a tag nor a synonym) need the
    `create_tags` privilege; `keep`: names the post already has."""
    if not names or user.can_create_tags():
        return
    wanted = [n for n in names if n not in set(keep)]
    known = set(Tag.objects.filter(name__in=wanted).values_list("name", flat=True))
    known |= set(TagSynonym.objects.filter(name__in=wanted).values_list("name", flat=True))
    new = [n for n in wanted if n not in known]
    if new:
        message = (
            user.privilege_refusal("create_tags")
            + " "
            + _("New tags: %(names)s") % {"names": ", ".join(new)}
        )
        raise ValidationError({"tags": [message]})


def screen_post(*, author: User, kind: str, title: str, body: str, names: list[str]) -> str:
    """Run the screens (posts.screening); a refusal is an error on the body,
    a hold returns its reason (else "")."""
    data = {"title": title, "body": body, "tags": names}
    try:
        verdict = screening.screen(author=author, kind=kind, data=data)
    except ValidationError as exc:
        raise ValidationError({"body": exc.messages}) from None
    if verdict is None:
        return ""
    return verdict.message or _("Held for review.")


def _touch_thread(post: Post) -> None:
    now = timezone.now()
    Post.objects.filter(pk=post.pk).update(last_activity_at=now)
    touch_space(space_id=post.space_id)


@transaction.atomic
def create_post(*, author: User, kind: str, data: PostInput) -> Post:
    """A question, discussion, article or tutorial, with revision 1.

    Screens (posts.screening) may refuse it or hold it for review: a held
    post is saved with status "held" and publishes "held", not "created".
    """
    if kind not in TITLED_KINDS:
        raise ValueError(f"create_post does not make {kind}s")
    check_can_write(author)
    names = validate_post_input(kind=kind, data=data)
    if data.series is not None and data.series.author_id != author.pk:
        raise ValidationError({"series": [_("You can only add posts to your own series.")]})
    check_new_tags(names=names, user=author)
    status = data.status
    hold_reason = screen_post(
        author=author, kind=kind, title=data.title, body=data.body, names=names
    )
    if hold_reason and status == Status.PUBLISHED:
        status = Status.HELD
    now = timezone.now()
    post = Post(
        kind=kind,
        status=status,
        hold_reason=hold_reason if status == Status.HELD else "",
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
    record_revision(post=post, by=author)
    if post.is_held:
        hooks.publish("held", post, by=None, reason=hold_reason, new=True)
    else:
        hooks.publish("created", post)
    return post


def _set_cover(post: Post, upload: UploadedFile) -> None:
    try:
        image = process_image(upload, max_bytes=COVER_MAX_BYTES, max_pixels=COVER_MAX_PIXELS)
    except ValidationError as exc:
        raise ValidationError({"cover": exc.messages}) from None
    post.cover.save("cover.webp", image.content, save=False)


@transaction.atomic
def edit_post(*, post: Post, by: User, data: PostInput, note: str = "") -> Post:
    """Save the changes and a new revision; publishing a draft counts it.

    The author, the post's moderators and members with the
    `edit_without_review` privilege edit directly; the others suggest edits
    (services.suggest_edit). Locked posts only by their moderators.
    """
    check_can_write(by)
    check_not_locked(post, by)
    if not post.can_be_edited_by(by):
        raise PermissionDenied
    names = validate_post_input(kind=post.kind, data=data)
    if post.is_top_level:
        check_new_tags(names=names, user=by, keep=[t.name for t in post.tags.all()])
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
        # A held post waits for a moderator (services.release_post), whatever
        # the form says.
        if data.status and not post.is_held:
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
    record_revision(post=post, by=by, note=note)
    hooks.publish("edited", post)
    if post.is_top_level and now_published and not was_published:
        hooks.publish("published", post)


@transaction.atomic
def rollback_post(*, post: Post, revision: Revision, by: User) -> Post:
    """Restore an earlier revision's title, body and tags as a new revision."""
    check_can_write(by)
    check_not_locked(post, by)
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
