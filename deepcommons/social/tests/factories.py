from __future__ import annotations

from typing import Any

from deepcommons.accounts.models import User
from deepcommons.social import services
from deepcommons.social.models import Conversation


def conversation_between(
    starter: User, *others: User, body: str = "Hello", **kwargs: Any
) -> Conversation:
    """A conversation started through the service, as the site would."""
    return services.start_conversation(
        starter=starter, recipients=list(others), body=body, **kwargs
    )
