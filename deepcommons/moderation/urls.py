from django.urls import path

from deepcommons.moderation.views import flags, log, posts, review, users

app_name = "moderation"

urlpatterns = [
    path("log/", log.audit_log, name="log"),
    path("review/", review.review, name="review"),
    path("review/<slug:queue>/", review.review, name="review-queue"),
    path("review/items/<int:item_id>/", review.review_decide, name="review-decide"),
    path("flags/<int:flag_id>/decide/", review.flag_decide, name="flag-decide"),
    path("edits/<int:edit_id>/decide/", review.edit_decide, name="edit-decide"),
    path("flag/<slug:kind>/<int:target_id>/", flags.flag_create, name="flag"),
    path("posts/<int:post_id>/panel/", posts.post_panel, name="post-panel"),
    path("posts/<int:post_id>/close-vote/", posts.close_vote, name="close-vote"),
    path("posts/<int:post_id>/<slug:action>/", posts.post_action, name="post-action"),
    path("users/<str:username>/", users.user_moderation, name="user"),
    path("users/<str:username>/<slug:action>/", users.user_action, name="user-action"),
    path("suspended/", users.suspended, name="suspended"),
]
