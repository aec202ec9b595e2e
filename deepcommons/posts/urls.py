from django.urls import URLPattern, URLResolver

app_name = "posts"

urlpatterns: list[URLPattern | URLResolver] = []
