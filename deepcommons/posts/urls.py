from django.urls import path

from deepcommons.posts.models import Kind
from deepcommons.posts.views import (
    actions,
    articles,
    comments,
    discussions,
    edit,
    editor,
    images,
    lists,
    questions,
)

app_name = "posts"

urlpatterns = [
    path("posts/", lists.post_list, name="post-list"),
    path("questions/", lists.post_list, {"kind": Kind.QUESTION}, name="question-list"),
    path("questions/ask/", questions.question_create, name="question-create"),
    path("questions/<int:post_id>/", questions.question_detail, name="question-detail"),
    path("questions/<int:post_id>/answer/", questions.answer_create, name="answer-create"),
    path("answers/<int:post_id>/accept/", actions.answer_accept, name="answer-accept"),
    path("articles/", lists.post_list, {"kind": Kind.ARTICLE}, name="article-list"),
    path("articles/new/", articles.article_create, name="article-create"),
    path("articles/<int:post_id>/", articles.article_detail, name="article-detail"),
    path("tutorials/", lists.post_list, {"kind": Kind.TUTORIAL}, name="tutorial-list"),
    path("tutorials/new/", articles.tutorial_create, name="tutorial-create"),
    path("tutorials/<int:post_id>/", articles.tutorial_detail, name="tutorial-detail"),
    path("series/new/", articles.series_create, name="series-create"),
    path("series/<int:series_id>/", articles.series_detail, name="series-detail"),
    path("discussions/", lists.post_list, {"kind": Kind.DISCUSSION}, name="discussion-list"),
    path("discussions/new/", articles.discussion_create, name="discussion-create"),
    path("discussions/<int:post_id>/", discussions.discussion_detail, name="discussion-detail"),
    path("discussions/<int:post_id>/reply/", discussions.reply_create, name="reply-create"),
    path("posts/<int:post_id>/edit/", edit.post_edit, name="post-edit"),
    path("posts/<int:post_id>/delete/", actions.post_delete, name="post-delete"),
    path("posts/<int:post_id>/undelete/", actions.post_undelete, name="post-undelete"),
    path("posts/<int:post_id>/vote/", actions.post_vote, name="post-vote"),
    path("posts/<int:post_id>/bookmark/", actions.post_bookmark, name="post-bookmark"),
    path("posts/<int:post_id>/comments/", comments.comment_create, name="comment-create"),
    path("posts/<int:post_id>/revisions/", edit.post_revisions, name="post-revisions"),
    path("posts/<int:post_id>/revisions/diff/", edit.revision_diff, name="revision-diff"),
    path(
        "posts/<int:post_id>/revisions/<int:number>/rollback/",
        edit.revision_rollback,
        name="revision-rollback",
    ),
    path("comments/<int:comment_id>/", comments.comment_detail, name="comment-detail"),
    path("comments/<int:comment_id>/edit/", comments.comment_edit, name="comment-edit"),
    path("comments/<int:comment_id>/delete/", comments.comment_delete, name="comment-delete"),
    path("spaces/<slug:space_slug>/", lists.space_detail, name="space-detail"),
    path("tags/<str:tag_name>/", lists.tag_detail, name="tag-detail"),
    path("saved/", lists.saved, name="saved"),
    path("editor/preview/", editor.preview, name="editor-preview"),
    path("editor/draft/", editor.draft_save, name="draft-save"),
    path("editor/images/", images.image_upload, name="image-upload"),
]
