"""Drafts: the editors' autosave."""

from __future__ import annotations

from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.posts.models import BODY_MAX, TITLE_MAX, Draft


def save_draft(*, user: User, key: str, title: str, body: str) -> Draft:
    """Autosave: keeps the latest text for this editor (limits applied by truncation)."""
    draft, _created = Draft.objects.update_or_create(
        user=user,
        key=key[:40],
        defaults={
            "title": title[:TITLE_MAX],
            "body": body[:BODY_MAX],
            "updated_at": timezone.now(),
        },
    )
    return draft


def discard_draft(*, user: User, key: str) -> None:
    Draft.objects.filter(user=user, key=key).delete()
