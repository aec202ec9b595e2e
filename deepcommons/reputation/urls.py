from django.urls import path

from deepcommons.reputation.views import badges, bounties, leaderboards, profile, trust

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
    # Bounties and trust levels.
    path("bounties/", bounties.bounty_list, name="bounty-list"),
    path("questions/<int:post_id>/bounty/", bounties.question_panel, name="question-panel"),
    path("questions/<int:post_id>/bounty/offer/", bounties.bounty_offer, name="bounty-offer"),
    path(
        "bounties/<int:bounty_id>/award/<int:answer_id>/",
        bounties.bounty_award,
        name="bounty-award",
    ),
    path("privileges/", trust.privilege_list, name="privilege-list"),
    path("u/<str:username>/trust-level/", trust.trust_level_set, name="trust-level-set"),
]
