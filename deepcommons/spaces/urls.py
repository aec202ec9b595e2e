from django.urls import path

from deepcommons.spaces import views

app_name = "spaces"

urlpatterns = [
    path("spaces/", views.space_list, name="space-list"),
    # The space's post list, /spaces/<slug>/, is posts:space-detail.
    path("spaces/<slug:space_slug>/about/", views.space_about, name="space-about"),
    path("spaces/<slug:space_slug>/settings/", views.space_settings, name="space-settings"),
    path(
        "spaces/<slug:space_slug>/settings/moderators/add/",
        views.space_moderator_add,
        name="space-moderator-add",
    ),
    path(
        "spaces/<slug:space_slug>/settings/moderators/remove/",
        views.space_moderator_remove,
        name="space-moderator-remove",
    ),
    path("tags/", views.tag_list, name="tag-list"),
]
