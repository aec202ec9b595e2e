"""Calendar subscriptions: the per-member secret token."""

from __future__ import annotations

from django.db import transaction

from deepcommons.accounts.models import User
from deepcommons.events.models import CalendarToken, new_calendar_token


def calendar_token_for(user: User) -> CalendarToken:
    """The member's token, made on first use."""
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def reset_calendar_token(*, user: User) -> CalendarToken:
    """A new secret; calendar apps subscribed with the old URL stop updating."""
    token = calendar_token_for(user)
    token.token = new_calendar_token()
    token.save(update_fields=["token"])
    return token
