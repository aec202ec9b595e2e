"""What the ledger does for each post event (posts/hooks.py has the table)."""

from __future__ import annotations

from typing import Any

from deepcommons.posts.models import Post
from deepcommons.reputation.models import Reason
from deepcommons.reputation.rules import rules
from deepcommons.reputation.services import (
    grant,
    record_accept,
    record_unaccept,
    record_vote,
    restore_post,
    reverse_post,
)


def on_post_event(event: str, post: Post, **data: Any) -> None:
    """Runs inside the writer's transaction; an error rolls the change back."""
    if event == "voted":
        record_vote(post=post, voter=data["user"], old=data["old"], new=data["value"])
    elif event == "accepted":
        previous = data.get("previous")
        if previous and previous != post.pk:
            record_unaccept(answer_id=previous)
        record_accept(answer=post, by=data["by"])
    elif event == "unaccepted":
        record_unaccept(answer_id=data["answer_id"])
    elif event == "deleted":
        reverse_post(post=post)
    elif event == "restored":
        restore_post(post=post)
    elif event == "edit-approved":
        edit, by = data["edit"], data["by"]
        grant(
            user_id=edit.proposer_id,
            amount=rules().edit_approved,
            reason=Reason.EDIT_APPROVED,
            key=f"edit:{edit.pk}",
            post=edit.post,
            actor_id=by.pk,
        )
