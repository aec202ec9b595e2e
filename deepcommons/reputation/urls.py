from django.urls import path

from deepcommons.reputation.views import badges, leaderboards, profile

app_name = "reputation"

urlpatterns = [
    path("badges/", badges.badge_list, name="badge-list"),
    path("badges/<slug:badge_slug>/", badges.badge_detail, name="badge-detail"),
    path("leaderboards/", leaderboards.leaderboard, name="leaderboard"),
    # Beside spaces' /tags/<tag>/about/ and wiki pages; no clash with them.
    path(
        "tags/<str:tag_name>/top-answerers/",
        leaderboards.tag_top_answerers,
        name="tag-top-answerers",
    ),
    path("u/<str:username>/reputation/", profile.profile_reputation, name="profile-reputation"),
]
