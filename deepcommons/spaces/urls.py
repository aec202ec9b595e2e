from django.urls import path

from deepcommons.spaces.views import spaces, tags

app_name = "spaces"

urlpatterns = [
    path("spaces/", spaces.space_list, name="space-list"),
    # Before <slug:space_slug>: no space may be called "new" (validate_space_slug).
    path("spaces/new/", spaces.space_create, name="space-create"),
    # The space's post list, /spaces/<slug>/, is posts:space-detail.
    path("spaces/<slug:space_slug>/about/", spaces.space_about, name="space-about"),
    path("spaces/<slug:space_slug>/settings/", spaces.space_settings, name="space-settings"),
    path(
        "spaces/<slug:space_slug>/settings/moderators/add/",
        spaces.space_moderator_add,
        name="space-moderator-add",
    ),
    path(
        "spaces/<slug:space_slug>/settings/moderators/remove/",
        spaces.space_moderator_remove,
        name="space-moderator-remove",
    ),
    path("tags/", tags.tag_list, name="tag-list"),
    # The tag's post list, /tags/<tag>/, is posts:tag-detail.
    path("tags/<str:tag_name>/about/", tags.tag_about, name="tag-about"),
    path("tags/<str:tag_name>/wiki/edit/", tags.tag_wiki_edit, name="tag-wiki-edit"),
    path("tags/<str:tag_name>/wiki/revisions/", tags.tag_wiki_history, name="tag-wiki-history"),
    path(
        "tags/<str:tag_name>/wiki/revisions/<int:number>/",
        tags.tag_wiki_revision,
        name="tag-wiki-revision",
    ),
    path(
        "tags/<str:tag_name>/wiki/revisions/<int:number>/rollback/",
        tags.tag_wiki_rollback,
        name="tag-wiki-rollback",
    ),
    path("tags/<str:tag_name>/synonyms/add/", tags.tag_synonym_add, name="tag-synonym-add"),
    path(
        "tags/<str:tag_name>/synonyms/remove/", tags.tag_synonym_remove, name="tag-synonym-remove"
    ),
]
