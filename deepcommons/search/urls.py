from django.urls import path

from deepcommons.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_results, name="results"),
    path("similar/", views.similar, name="similar"),
    path("related/<int:post_id>/", views.related, name="related"),
]
