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
from deepcommons.posts.services.votes import vote

__all__ = [
    "ImageUploadThrottled",
    "PostInput",
    "accept_answer",
    "add_comment",
    "bookmark_post",
    "create_child",
    "create_post",
    "create_series",
    "delete_comment",
    "delete_post",
    "discard_draft",
    "edit_comment",
    "edit_post",
    "image_markdown",
    "mark_read",
    "render_body",
    "rollback_post",
    "save_draft",
    "unaccept_answer",
    "unbookmark_post",
    "undelete_post",
    "upload_image",
    "validate_post_input",
    "vote",
]
