from django.urls import path

from deepcommons.orgs.views import directory, follows, members, pages, posts, verification

app_name = "orgs"

urlpatterns = [
    path("", directory.org_list, name="org-list"),
    path("new/", directory.org_create, name="org-create"),
    path("invitations/", members.invitation_list, name="invitation-list"),
    path(
        "invitations/<int:invitation_id>/accept/",
        members.invitation_accept,
        name="invitation-accept",
    ),
    path(
        "invitations/<int:invitation_id>/decline/",
        members.invitation_decline,
        name="invitation-decline",
    ),
    path("verification/", verification.verification_review, name="verification-review"),
    path(
        "verification/confirm/<str:token>/",
        verification.verification_confirm,
        name="verification-confirm",
    ),
    path(
        "verification/<int:request_id>/approve/",
        verification.verification_approve,
        name="verification-approve",
    ),
    path(
        "verification/<int:request_id>/reject/",
        verification.verification_reject,
        name="verification-reject",
    ),
    path("promotion-policy/", verification.promotion_policy, name="promotion-policy"),
    path("<slug:org_slug>/", pages.org_detail, name="org-detail"),
    path("<slug:org_slug>/edit/", pages.org_edit, name="org-edit"),
    path("<slug:org_slug>/verify/", verification.org_verify, name="org-verify"),
    path("<slug:org_slug>/follow/", follows.org_follow, name="org-follow"),
    path("<slug:org_slug>/leave/", members.org_leave, name="org-leave"),
    path("<slug:org_slug>/members/", pages.org_members, name="org-members"),
    path("<slug:org_slug>/members/invite/", members.member_invite, name="member-invite"),
    path("<slug:org_slug>/members/<int:user_id>/role/", members.member_role, name="member-role"),
    path(
        "<slug:org_slug>/members/<int:user_id>/remove/",
        members.member_remove,
        name="member-remove",
    ),
    path(
        "<slug:org_slug>/invitations/<int:invitation_id>/cancel/",
        members.invitation_cancel,
        name="invitation-cancel",
    ),
    path("<slug:org_slug>/posts/", pages.org_posts, name="org-posts"),
    path("<slug:org_slug>/posts/new/", posts.orgpost_create, name="orgpost-create"),
    path("<slug:org_slug>/posts/<int:post_id>/", posts.orgpost_detail, name="orgpost-detail"),
    path(
        "<slug:org_slug>/posts/<int:post_id>/delete/",
        posts.orgpost_delete,
        name="orgpost-delete",
    ),
]
