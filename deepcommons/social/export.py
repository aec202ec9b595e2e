"""The social part of the account export: follows, mutes, blocks, notifications, messages."""

from __future__ import annotations

from typing import Any

from deepcommons.social.models import Block, Follow, Message, Mute, Notification, Participant


def export_social(user: Any) -> dict[str, Any]:
    return {
        "follows": [
            {
                "type": f.content_type.model,
                "id": f.object_id,
                "since": f.created_at.isoformat(),
            }
            for f in Follow.objects.filter(user=user).select_related("content_type")
        ],
        "mutes": [
            {"type": m.content_type.model, "id": m.object_id}
            for m in Mute.objects.filter(user=user).select_related("content_type")
        ],
        "blocked_usernames": list(
            Block.objects.filter(blocker=user).values_list("blocked__username", flat=True)
        ),
        "notifications": [
            {
                "kind": n.kind,
                "data": n.data,
                "count": n.count,
                "created_at": n.created_at.isoformat(),
                "read": n.read_at is not None,
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
        "conversations": [
            {"id": p.conversation_id, "title": p.conversation.title}
            for p in Participant.objects.filter(user=user).select_related("conversation")
        ],
        "messages_sent": [
            {
                "conversation": m.conversation_id,
                "body": m.body,
                "created_at": m.created_at.isoformat(),
            }
            for m in Message.objects.filter(sender=user)
        ],
    }
