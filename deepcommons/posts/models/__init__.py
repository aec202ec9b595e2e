"""One content system: questions, answers, discussions, replies, articles and
tutorials are all `Post` rows, told apart by `kind`.

Counters (`score`, `answer_count`, `comment_count`, `view_count`, …) are
changed only by services with `F()` updates, so they stay exact under
concurrency.

A package (house style: past ~400 lines): `post` holds Post, its kinds,
statuses and series; `interactions` what members do to posts (votes,
bookmarks, comments, revisions, drafts, read marks, buffered views);
`images` the editor's uploads; `suggested_edits` edits waiting for review.
Import from `deepcommons.posts.models`.
"""

from deepcommons.posts.models.images import PostImage, post_image_path
from deepcommons.posts.models.interactions import (
    Bookmark,
    Comment,
    CommentQuerySet,
    Draft,
    PendingViews,
    ReadMark,
    Revision,
    Vote,
    annotate_viewer_state,
)
from deepcommons.posts.models.post import (
    BODY_MAX,
    CHILD_KIND,
    COMMENT_EDIT_GRACE,
    COMMENT_MAX,
    COMMENTABLE_KINDS,
    HOT_EPOCH,
    HOT_GRAVITY_SECONDS,
    SUMMARY_MAX,
    TITLE_MAX,
    TOP_LEVEL_KINDS,
    UPDOWN_KINDS,
    CloseReason,
    Difficulty,
    Kind,
    Post,
    Series,
    Status,
    cover_path,
    hot_score,
    reading_minutes,
)
from deepcommons.posts.models.suggested_edits import (
    SuggestedEdit,
    SuggestedEditQuerySet,
    SuggestedEditStatus,
)

__all__: list[str] = [
    "BODY_MAX",
    "CHILD_KIND",
    "COMMENTABLE_KINDS",
    "COMMENT_EDIT_GRACE",
    "COMMENT_MAX",
    "HOT_EPOCH",
    "HOT_GRAVITY_SECONDS",
    "SUMMARY_MAX",
    "TITLE_MAX",
    "TOP_LEVEL_KINDS",
    "UPDOWN_KINDS",
    "Bookmark",
    "CloseReason",
    "Comment",
    "CommentQuerySet",
    "Difficulty",
    "Draft",
    "Kind",
    "PendingViews",
    "Post",
    "PostImage",
    "ReadMark",
    "Revision",
    "Series",
    "Status",
    "SuggestedEdit",
    "SuggestedEditQuerySet",
    "SuggestedEditStatus",
    "Vote",
    "annotate_viewer_state",
    "cover_path",
    "hot_score",
    "post_image_path",
    "reading_minutes",
]
