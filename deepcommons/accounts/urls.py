from django.urls import path

from deepcommons.accounts import views

app_name = "accounts"

urlpatterns = [
    path("i18n/language/", views.set_language, name="set-language"),
    path("users/", views.user_list, name="user-list"),
    path("u/<str:username>/", views.profile_detail, name="profile-detail"),
    path("settings/profile/", views.profile_edit, name="profile-edit"),
    path("settings/avatar/", views.avatar_edit, name="avatar-edit"),
    path("settings/tokens/", views.token_list, name="token-list"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    path("settings/data/", views.account_data, name="account-data"),
    path("settings/data/export/", views.account_export, name="account-export"),
    path("settings/data/delete/", views.account_delete, name="account-delete"),
]
