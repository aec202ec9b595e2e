from django.contrib import admin
from django.urls import include, path, re_path

from deepcommons.api.api import api, not_found
from deepcommons.core.views import serve_media
from deepcommons.posts.views.lists import home

handler400 = "deepcommons.core.views.bad_request"
handler403 = "deepcommons.core.views.permission_denied"
handler404 = "deepcommons.core.views.page_not_found"
handler500 = "deepcommons.core.views.server_error"

urlpatterns = [
    # The home page shows content, so the content app serves it.
    path("", home, name="home"),
    path("", include("deepcommons.core.urls")),
    path("", include("deepcommons.accounts.urls")),
    path("", include("deepcommons.social.urls")),
    path("", include("deepcommons.spaces.urls")),
    path("", include("deepcommons.posts.urls")),
    path("", include("deepcommons.reputation.urls")),
    path("moderation/", include("deepcommons.moderation.urls")),
    path("events/", include("deepcommons.events.urls")),
    path("competitions/", include("deepcommons.competitions.urls")),
    path("orgs/", include("deepcommons.orgs.urls")),
    path("jobs/", include("deepcommons.careers.urls")),
    path("learn/", include("deepcommons.learning.urls")),
    path("search/", include("deepcommons.search.urls")),
    path("ops/", include("deepcommons.ops.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/", not_found),
    # Uploaded files: avatars are re-encoded WebP, so serving them from the
    # app is safe; a front proxy may serve MEDIA_ROOT directly instead.
    re_path(r"^media/(?P<path>.*)$", serve_media),
]
