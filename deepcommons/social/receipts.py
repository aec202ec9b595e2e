"""Read receipts: which participants have read up to which message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from deepcommons.social.models import Message, Participant


def read_receipts(
    messages: Sequence[Message], participants: Sequence[Participant], *, viewer: Any
) -> dict[int, list[Any]]:
    """message id → the other participants whose newest read message it is.

    Each participant appears once, under the newest message on the page they
    have read, the way chat apps show "Seen by".
    """
    result: dict[int, list[Any]] = {}
    ids = [m.pk for m in messages]
    for participant in participants:
        if participant.user_id == viewer.pk:
            continue
        seen = [i for i in ids if i <= participant.last_read_message_id]
        if seen:
            result.setdefault(seen[-1], []).append(participant.user)
    return result
