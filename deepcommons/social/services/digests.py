"""Daily and weekly digest emails.

`queue_digests` (run by `manage.py send_digests`, e.g. from cron) creates one
DigestDelivery row per recipient and period, then enqueues batches. Each
delivery is sent inside a transaction that locks its row and marks it sent,
so a worker killed mid-run leaves unsent rows pending: the next
`send_digests` run (or the batches still queued) sends those, and nobody gets
a second copy.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.social import kinds
from deepcommons.social.feed import top_content
from deepcommons.social.models import Channel, DigestDelivery, Notification, NotificationPreference
from deepcommons.social.services.emails import build_email, verified_email

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
PERIODS = (Channel.DAILY, Channel.WEEKLY)


def period_start(*, period: str, now: datetime) -> date:
    """The first day of the period containing `now` (weeks start on Monday)."""
    today = timezone.localdate(now)
    if period == Channel.WEEKLY:
        return today - timedelta(days=today.weekday())
    return today


def period_length(period: str) -> timedelta:
    return timedelta(days=7 if period == Channel.WEEKLY else 1)


def _kinds_on(period: str, user: User) -> set[str]:
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {k.key for k in kinds.all_kinds() if chosen.get(k.key, k.default_email) == period}


def _candidate_ids(period: str, since: datetime) -> set[int]:
    """Users who may get this digest: pending notifications, or top content wanted."""
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    users = User.objects.active().filter(pk__in=verified)
    pending = Notification.objects.not_emailed().unread().filter(created_at__gte=since)
    ids = set(users.filter(pk__in=pending.values("recipient_id")).values_list("pk", flat=True))
    summary_default = kinds.get_kind(kinds.SUMMARY).default_email
    summary_prefs = NotificationPreference.objects.filter(kind=kinds.SUMMARY)
    if summary_default == period:
        opted_out = summary_prefs.exclude(channel=period).values("user_id")
        ids |= set(users.exclude(pk__in=opted_out).values_list("pk", flat=True))
    else:
        opted_in = summary_prefs.filter(channel=period).values("user_id")
        ids |= set(users.filter(pk__in=opted_in).values_list("pk", flat=True))
    return ids


def queue_digests(*, period: str, now: datetime | None = None) -> int:
    """Create this period's deliveries and enqueue every unsent one; returns how many."""
    from deepcommons.social import tasks

    if period not in PERIODS:
        raise ValueError(f"unknown digest period {period!r}")
    now = now or timezone.now()
    start = period_start(period=period, now=now)
    since = now - period_length(period)
    DigestDelivery.objects.bulk_create(
        [
            DigestDelivery(user_id=user_id, period=period, period_start=start)
            for user_id in sorted(_candidate_ids(period, since))
        ],
        ignore_conflicts=True,
    )
    pending = list(
        DigestDelivery.objects.filter(
            period=period, period_start=start, sent_at__isnull=True, skipped=False
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for i in range(0, len(pending), BATCH_SIZE):
        tasks.enqueue(tasks.send_digest_batch, pending[i : i + BATCH_SIZE])
    return len(pending)


def send_digest(*, delivery_id: int) -> bool:
    """Send one digest unless it was sent already; returns whether mail went out."""
    with transaction.atomic():
        delivery = (
            DigestDelivery.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.is_done:
            return False
        user = delivery.user
        address = verified_email(user)
        period_kinds = _kinds_on(delivery.period, user)
        since = timezone.now() - period_length(delivery.period) * 2
        notifications = list(
            Notification.objects.for_user(user)
            .not_emailed()
            .unread()
            .filter(kind__in=period_kinds, created_at__gte=since)
            .select_related("actor")
            .newest_first()[:50]
        )
        top = []
        if not notifications and kinds.SUMMARY in period_kinds:
            top = top_content(user=user, since=since)
        if address is None or not user.is_active or not (notifications or top):
            delivery.skipped = True
            delivery.save(update_fields=["skipped"])
            return False
        message = build_email(
            user=user,
            address=address,
            kind=kinds.SUMMARY if not notifications else "*",
            subject_template="social/email/digest_subject.txt",
            body_template="social/email/digest",
            context={
                "period": delivery.period,
                "notifications": notifications,
                "top": top,
            },
        )
        message.send()
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
        delivery.sent_at = now
        delivery.save(update_fields=["sent_at"])
        logger.info("sent %s digest %s to user %s", delivery.period, delivery.pk, user.pk)
        return True
