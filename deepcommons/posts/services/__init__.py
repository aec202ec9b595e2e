"""Writes to posts. Pages, the API and commands all call these functions.

One module per domain verb; callers import the names from here
(`from deepcommons.posts import services; services.vote(...)`).

Every counter is changed with an `F()` update inside the transaction that
changes what it counts, so concurrent requests never lose an increment.
"""

from deepcommons.posts.services.answers import accept_answer, create_child, unaccept_answer
from deepcommons.posts.services.bookmarks import bookmark_post, unbookmark_post
from deepcommons.posts.services.comments import add_comment, delete_comment, edit_comment
from deepcommons.posts.services.deletion import delete_post, undelete_post
from deepcommons.posts.services.drafts import discard_draft, save_draft
from deepcommons.posts.services.images import ImageUploadThrottled, image_markdown, upload_image
from deepcommons.posts.services.moderation import (
    close_post,
    feature_post,
    hold_post,
    lock_post,
    merge_questions,
    move_post,
    pin_post,
    release_post,
    reopen_post,
    unfeature_post,
    unlock_post,
    unpin_post,
)
from deepcommons.posts.services.posts import (
    PostInput,
    create_post,
    edit_post,
    render_body,
    rollback_post,
    validate_post_input,
)
from deepcommons.posts.services.reading import mark_read
from deepcommons.posts.services.series import create_series
from deepcommons.posts.services.suggested_edits import (
    approve_suggested_edit,
    reject_suggested_edit,
    suggest_edit,
)
from deepcommons.posts.services.votes import vote

__all__ = [
    "ImageUploadThrottled",
    "PostInput",
    "accept_answer",
    "add_comment",
    "approve_suggested_edit",
    "bookmark_post",
    "close_post",
    "create_child",
    "create_post",
    "create_series",
    "delete_comment",
    "delete_post",
    "discard_draft",
    "edit_comment",
    "edit_post",
    "feature_post",
    "hold_post",
    "image_markdown",
    "lock_post",
    "mark_read",
    "merge_questions",
    "move_post",
    "pin_post",
    "reject_suggested_edit",
    "release_post",
    "render_body",
    "reopen_post",
    "rollback_post",
    "save_draft",
    "suggest_edit",
    "unaccept_answer",
    "unbookmark_post",
    "undelete_post",
    "unfeature_post",
    "unlock_post",
    "unpin_post",
    "upload_image",
    "validate_post_input",
    "vote",
]
