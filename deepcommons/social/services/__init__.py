"""The social service API: the writes other apps call (see docs/social.md).

Reads are QuerySet methods in social/querysets.py, e.g.
`Follow.objects.followed_ids(user=..., model=Space)`.
"""

from deepcommons.social.services.follows import (
    block_user,
    follow,
    mute,
    unblock_user,
    unfollow,
    unmute,
)
from deepcommons.social.services.messages import (
    add_participants,
    leave_conversation,
    mark_conversation_read,
    report_message,
    send_message,
    start_conversation,
)
from deepcommons.social.services.notifications import (
    mark_all_read,
    mark_read,
    notify,
    notify_followers,
    notify_many,
    notify_mentions,
    record_vote_milestone,
    set_preferences,
)

__all__ = [
    "add_participants",
    "block_user",
    "follow",
    "leave_conversation",
    "mark_all_read",
    "mark_conversation_read",
    "mark_read",
    "mute",
    "notify",
    "notify_followers",
    "notify_many",
    "notify_mentions",
    "record_vote_milestone",
    "report_message",
    "send_message",
    "set_preferences",
    "start_conversation",
    "unblock_user",
    "unfollow",
    "unmute",
]
