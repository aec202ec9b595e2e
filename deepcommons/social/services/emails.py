"""Notification and digest emails, and one-click unsubscribe tokens.

Mail goes only to a verified address (allauth's `EmailAddress`), is rendered in
the recipient's preferred language, and carries RFC 8058 one-click unsubscribe
headers pointing at a signed URL that needs no login.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from deepcommons.accounts.models import User
from deepcommons.social import kinds
from deepcommons.social.models import Channel, Notification, NotificationPreference

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "social.unsubscribe"
ALL_KINDS = "*"


def verified_email(user: User) -> str | None:
    """The address to write to: the primary verified one, else any verified one."""
    row = (
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary", "id")
        .values_list("email", flat=True)
        .first()
    )
    return row


def make_unsubscribe_token(*, user: User, kind: str) -> str:
    """A signed, non-expiring token that turns off email for `kind` (or "*")."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[User, str] | None:
    """The user and kind a token names, or None when it is forged or stale."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    kind = payload.get("k")
    user_id = payload.get("u")
    if not isinstance(user_id, int):
        return None
    user = User.objects.active().filter(pk=user_id).first()
    if user is None or not isinstance(kind, str):
        return None
    if kind != ALL_KINDS and kind not in {k.key for k in kinds.all_kinds()}:
        return None
    return user, kind


def unsubscribe(*, user: User, kind: str) -> None:
    """Turn email off for one kind, or for every kind with "*"."""
    keys = [k.key for k in kinds.all_kinds()] if kind == ALL_KINDS else [kind]
    with transaction.atomic():
        for key in keys:
            NotificationPreference.objects.update_or_create(
                user=user, kind=key, defaults={"channel": Channel.OFF}
            )


def unsubscribe_url(*, user: User, kind: str) -> str:
    token = make_unsubscribe_token(user=user, kind=kind)
    return settings.SITE_URL + reverse("social:unsubscribe", kwargs={"token": token})


def language_of(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def build_email(
    *,
    user: User,
    address: str,
    kind: str,
    subject_template: str,
    body_template: str,
    context: dict[str, Any],
) -> EmailMultiAlternatives:
    """Render an email in `user`'s language with List-Unsubscribe headers."""
    link = unsubscribe_url(user=user, kind=kind)
    language = language_of(user)
    with translation.override(language):
        context = {
            **context,
            "recipient": user,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": link,
            "preferences_url": settings.SITE_URL + reverse("social:preferences"),
        }
        subject = render_to_string(subject_template, context).strip().replace("\n", " ")
        text = render_to_string(body_template + ".txt", context)
        html = render_to_string(body_template + ".html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        to=[address],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_notification_emails(*, notification_ids: Sequence[int]) -> int:
    """Email each notification once, if its recipient still wants it now."""
    sent = 0
    for notification_id in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient", "actor")
                .filter(pk=notification_id, emailed_at__isnull=True)
                .first()
            )
            if notification is None or notification.read_at is not None:
                continue
            user = notification.recipient
            address = verified_email(user)
            if (
                address is None
                or not user.is_active
                or NotificationPreference.objects.channel_for(user=user, kind=notification.kind)
                != Channel.IMMEDIATE
            ):
                continue
            message = build_email(
                user=user,
                address=address,
                kind=notification.kind,
                subject_template="social/email/notification_subject.txt",
                body_template="social/email/notification",
                context={
                    "notification": notification,
                    "kind": kinds.get_kind(notification.kind),
                },
            )
            message.send()
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent
