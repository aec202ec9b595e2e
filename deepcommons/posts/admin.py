from django.contrib import admin

from deepcommons.posts.models import Comment, Post, Series


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ["pk", "kind", "title", "author", "score", "created_at", "deleted_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    raw_id_fields = ["author", "parent", "reply_to", "accepted_answer", "deleted_by", "series"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ["pk", "post", "author", "created_at"]
    raw_id_fields = ["post", "author"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin[Series]):
    list_display = ["title", "author", "created_at"]
    raw_id_fields = ["author"]
