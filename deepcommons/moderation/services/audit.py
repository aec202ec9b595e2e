from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditEntry

SNAPSHOT_LENGTH = 300


def snapshot(target: models.Model | None) -> str:
    """A short text naming `target`, kept in the log after it changes or goes."""
    if target is None:
        return ""
    title = getattr(target, "title", "") or ""
    body = getattr(target, "body", "") or ""
    username = getattr(target, "username", "")
    if username:
        text = f"@{username}"
    elif title:
        text = title
    elif body:
        text = " ".join(body.split())
    else:
        text = str(target)
    label = target._meta.verbose_name
    text = f"{label} #{target.pk}: {text}"
    if len(text) > SNAPSHOT_LENGTH:
        text = text[: SNAPSHOT_LENGTH - 1] + "…"
    return text


def log_action(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None,
    reason: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip: str | None = None,
) -> AuditEntry:
    """Record one moderator (or automatic, `actor=None`) action in the audit log.

    Call it inside the action's transaction so the entry commits with the change."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_repr=snapshot(target),
        reason=reason,
        before=before,
        after=after,
        ip=ip,
    )
