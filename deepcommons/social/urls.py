from django.urls import path

from deepcommons.social.views import feed, follows, messages, notifications

app_name = "social"

urlpatterns = [
    path("feed/", feed.feed, name="feed"),
    path("follow/<str:target_type>/<int:object_id>/", follows.follow_toggle, name="follow"),
    path("mute/<str:target_type>/<int:object_id>/", follows.mute_toggle, name="mute"),
    path("u/<str:username>/block/", follows.block_toggle, name="block"),
    path("u/<str:username>/followers/", follows.follower_list, name="follower-list"),
    path("u/<str:username>/following/", follows.following_list, name="following-list"),
    path("notifications/", notifications.notification_list, name="notification-list"),
    path("notifications/bell/", notifications.notification_bell, name="notification-bell"),
    path("notifications/read/", notifications.notification_read_all, name="notification-read-all"),
    path(
        "notifications/<int:notification_id>/open/",
        notifications.notification_open,
        name="notification-open",
    ),
    path(
        "notifications/<int:notification_id>/read/",
        notifications.notification_read,
        name="notification-read",
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        notifications.unsubscribe,
        name="unsubscribe",
    ),
    path("settings/notifications/", notifications.preferences, name="preferences"),
    path("messages/", messages.conversation_list, name="conversation-list"),
    path("messages/new/", messages.conversation_create, name="conversation-create"),
    path(
        "messages/<int:conversation_id>/",
        messages.conversation_detail,
        name="conversation-detail",
    ),
    path(
        "messages/<int:conversation_id>/leave/",
        messages.conversation_leave,
        name="conversation-leave",
    ),
    path("messages/<int:conversation_id>/add/", messages.conversation_add, name="conversation-add"),
    path(
        "messages/<int:conversation_id>/files/<int:attachment_id>/",
        messages.attachment_download,
        name="attachment-download",
    ),
    path(
        "messages/<int:conversation_id>/<int:message_id>/report/",
        messages.message_report,
        name="message-report",
    ),
]
