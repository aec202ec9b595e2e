"""Making notifications, marking them read, and setting email preferences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.social import kinds
from deepcommons.social.mentions import extract_mentions
from deepcommons.social.models import (
    Block,
    Channel,
    Follow,
    Mute,
    Notification,
    NotificationPreference,
)
from deepcommons.social.targets import describe

MAX_MENTIONS_NOTIFIED = 10
VOTE_MILESTONES = (10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
FAN_OUT_CHUNK = 1000


def _target_ref(target: models.Model | None) -> list[int] | None:
    if target is None:
        return None
    return [ContentType.objects.get_for_model(target).pk, int(target.pk)]


def set_preferences(*, user: User, channels: dict[str, str]) -> None:
    """Save `kind → channel` choices; unknown kinds or channels raise ValueError."""
    for kind, channel in channels.items():
        kinds.get_kind(kind)
        if channel not in Channel.values:
            raise ValueError(f"unknown channel {channel!r}")
    with transaction.atomic():
        for kind, channel in channels.items():
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"channel": channel}
            )


def _excluded_recipient_ids(
    recipient_ids: Iterable[int], actor_id: int | None, muted_refs: Sequence[Sequence[int]]
) -> set[int]:
    """Recipients who blocked or muted the actor, or muted one of `muted_refs`."""
    ids = list(recipient_ids)
    excluded: set[int] = set()
    if actor_id is not None:
        excluded.update(
            Block.objects.filter(blocker_id__in=ids, blocked_id=actor_id).values_list(
                "blocker_id", flat=True
            )
        )
        muted_refs = [*muted_refs, [ContentType.objects.get_for_model(User).pk, actor_id]]
    if muted_refs:
        condition = Q()
        for ct_id, object_id in muted_refs:
            condition |= Q(content_type_id=ct_id, object_id=object_id)
        excluded.update(
            Mute.objects.filter(condition, user_id__in=ids).values_list("user_id", flat=True)
        )
    return excluded


def notify(
    *,
    recipient: User,
    kind: str,
    actor: User | None = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    dedupe_key: str = "",
    aggregate: bool = True,
) -> Notification | None:
    """Notify one user, now. Returns the notification, or None when suppressed.

    Nobody is notified of their own actions, by someone they blocked or muted,
    or about a target they muted. With `dedupe_key`, a repeat event updates
    the existing row (count + 1, unread again) when `aggregate` is true, and is
    dropped when it is false (milestones fire once).
    """
    kinds.get_kind(kind)
    if not recipient.is_active or (actor is not None and actor.pk == recipient.pk):
        return None
    muted = [_target_ref(target)] if target is not None else []
    if _excluded_recipient_ids(
        [recipient.pk], actor.pk if actor else None, [m for m in muted if m]
    ):
        return None
    payload = {**describe(target), **(data or {})}
    if actor is not None:
        payload.setdefault("actor_name", actor.name)
        payload.setdefault("actor_url", actor.get_absolute_url())
    ref = _target_ref(target)
    now = timezone.now()
    if dedupe_key:
        existing = Notification.objects.filter(recipient=recipient, dedupe_key=dedupe_key)
        if not aggregate:
            if existing.exists():
                return None
        else:
            was_unread = existing.filter(read_at__isnull=True).exists()
            updated = existing.update(
                count=F("count") + 1, created_at=now, read_at=None, data=payload, actor=actor
            )
            if updated:
                notification = existing.get()
                if not was_unread:
                    _schedule_immediate_emails([notification])
                return notification
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                actor=actor,
                content_type_id=ref[0] if ref else None,
                object_id=ref[1] if ref else None,
                data=payload,
                dedupe_key=dedupe_key,
                created_at=now,
            )
    except IntegrityError:  # the same dedupe key, created concurrently
        return None
    _schedule_immediate_emails([notification])
    return notification


def notify_many(
    *,
    recipients: Iterable[User | int],
    kind: str,
    actor: User | None = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    dedupe_key: str = "",
) -> None:
    """Notify many users from a background task; returns at once."""
    from deepcommons.social import tasks

    kinds.get_kind(kind)
    ids = sorted({r if isinstance(r, int) else int(r.pk) for r in recipients})
    if not ids:
        return
    tasks.enqueue(
        tasks.fan_out_notifications,
        recipient_ids=ids,
        kind=kind,
        actor_id=actor.pk if actor else None,
        target=_target_ref(target),
        data=_payload(actor, target, data),
        dedupe_key=dedupe_key,
    )


def notify_followers(
    *,
    of: Sequence[models.Model],
    kind: str,
    actor: User | None = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Notify everyone following any of `of` (author, space, tags…), once each.

    The follower query runs in a background task, so the request costs the
    same for an author with 10,000 followers as for one with none. Followers
    who muted any of `of` (or the actor) are skipped.
    """
    from deepcommons.social import tasks

    kinds.get_kind(kind)
    refs = [ref for ref in (_target_ref(o) for o in of) if ref]
    if not refs:
        return
    tasks.enqueue(
        tasks.fan_out_notifications,
        follower_of=refs,
        kind=kind,
        actor_id=actor.pk if actor else None,
        target=_target_ref(target),
        data=_payload(actor, target, data),
    )


def _payload(
    actor: User | None, target: models.Model | None, data: dict[str, Any] | None
) -> dict[str, Any]:
    payload = {**describe(target), **(data or {})}
    if actor is not None:
        payload.setdefault("actor_name", actor.name)
        payload.setdefault("actor_url", actor.get_absolute_url())
    return payload


def deliver_fan_out(
    *,
    recipient_ids: list[int] | None,
    follower_of: list[list[int]] | None,
    kind: str,
    actor_id: int | None,
    target: list[int] | None,
    data: dict[str, Any],
    dedupe_key: str = "",
) -> int:
    """The task body of notify_many/notify_followers: bulk-create in chunks."""
    if follower_of:
        condition = Q()
        for ct_id, object_id in follower_of:
            condition |= Q(content_type_id=ct_id, object_id=object_id)
        candidates = Follow.objects.filter(condition).values_list("user_id", flat=True).distinct()
        ids = sorted(set(candidates))
    else:
        ids = sorted(set(recipient_ids or []))
    muted_refs = [*(follower_of or []), *([target] if target else [])]
    created = 0
    for start in range(0, len(ids), FAN_OUT_CHUNK):
        chunk = ids[start : start + FAN_OUT_CHUNK]
        live = set(User.objects.active().filter(pk__in=chunk).values_list("pk", flat=True))
        excluded = _excluded_recipient_ids(chunk, actor_id, muted_refs)
        if dedupe_key:
            excluded.update(
                Notification.objects.filter(
                    recipient_id__in=chunk, dedupe_key=dedupe_key
                ).values_list("recipient_id", flat=True)
            )
        now = timezone.now()
        rows = [
            Notification(
                recipient_id=user_id,
                kind=kind,
                actor_id=actor_id,
                content_type_id=target[0] if target else None,
                object_id=target[1] if target else None,
                data=data,
                dedupe_key=dedupe_key,
                created_at=now,
            )
            for user_id in chunk
            if user_id in live and user_id not in excluded and user_id != actor_id
        ]
        made = Notification.objects.bulk_create(rows, ignore_conflicts=bool(dedupe_key))
        created += len(made)
        if dedupe_key:  # ignore_conflicts leaves pks unset on some databases
            made = list(
                Notification.objects.filter(
                    recipient_id__in=[r.recipient_id for r in rows], dedupe_key=dedupe_key
                )
            )
        _schedule_immediate_emails(made)
    return created


def _schedule_immediate_emails(notifications: Sequence[Notification]) -> None:
    """Queue emails for the notifications whose recipients chose "immediately"."""
    from deepcommons.social import tasks

    if not notifications:
        return
    by_kind: dict[str, list[Notification]] = {}
    for n in notifications:
        by_kind.setdefault(n.kind, []).append(n)
    ids: list[int] = []
    for kind, group in by_kind.items():
        default = kinds.get_kind(kind).default_email
        chosen = dict(
            NotificationPreference.objects.filter(
                kind=kind, user_id__in=[n.recipient_id for n in group]
            ).values_list("user_id", "channel")
        )
        ids.extend(n.pk for n in group if chosen.get(n.recipient_id, default) == Channel.IMMEDIATE)
    for start in range(0, len(ids), 100):
        tasks.enqueue(tasks.send_notification_emails, ids[start : start + 100])


def record_vote_milestone(
    *, post_author: User, target: models.Model, score: int
) -> Notification | None:
    """Tell the author when `target`'s score reaches a milestone (10, 25, 50, 100…).

    Call it after every vote with the new score: each milestone notifies once,
    so a post gets a handful of notifications, not one per vote.
    """
    reached = [m for m in VOTE_MILESTONES if score >= m]
    if not reached:
        return None
    milestone = reached[-1]
    ref = _target_ref(target)
    assert ref is not None
    return notify(
        recipient=post_author,
        kind=kinds.VOTE_MILESTONE,
        target=target,
        data={"milestone": milestone},
        dedupe_key=f"votes:{ref[0]}:{ref[1]}:{milestone}",
        aggregate=False,
    )


def notify_mentions(*, text: str, actor: User, target: models.Model) -> list[User]:
    """Notify users `@mentioned` in Markdown `text`; returns who was notified.

    At most MAX_MENTIONS_NOTIFIED names count (the first ones). Nobody is told
    twice about the same target, so editing a post does not re-notify.
    """
    names = extract_mentions(text)[:MAX_MENTIONS_NOTIFIED]
    if not names:
        return []
    users = list(User.objects.active().by_usernames(names).exclude(pk=actor.pk))
    ref = _target_ref(target)
    assert ref is not None
    notified: list[User] = []
    for user in users:
        if notify(
            recipient=user,
            kind=kinds.MENTION,
            actor=actor,
            target=target,
            dedupe_key=f"mention:{ref[0]}:{ref[1]}",
            aggregate=False,
        ):
            notified.append(user)
    return notified


def mark_read(*, user: User, notification_ids: Iterable[int]) -> int:
    """Mark some of `user`'s notifications read; other users' ids are ignored."""
    return (
        Notification.objects.for_user(user)
        .unread()
        .filter(pk__in=list(notification_ids))
        .update(read_at=timezone.now())
    )


def mark_all_read(*, user: User) -> int:
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())
