from django.urls import path

from deepcommons.spaces import views

app_name = "spaces"

urlpatterns = [
    path("spaces/", views.space_list, name="space-list"),
    path("tags/", views.tag_list, name="tag-list"),
]
