"""Private conversations: starting, writing, reading, leaving, adding people, reporting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deepcommons.accounts.models import User
from deepcommons.core.markdown import render_markdown
from deepcommons.social import kinds
from deepcommons.social.models import (
    Block,
    Conversation,
    Message,
    MessageReport,
    Participant,
    new_account_age,
)
from deepcommons.social.services.attachments import check_attachments, store_attachments
from deepcommons.social.services.notifications import notify, notify_many

NEW_ACCOUNT_CONVERSATIONS_PER_DAY = 5


def _check_not_blocked(*, sender: User, recipients: Sequence[User]) -> None:
    blockers = set(
        Block.objects.filter(blocker__in=recipients, blocked=sender).values_list(
            "blocker__username", flat=True
        )
    )
    if blockers:
        raise ValidationError(
            _("You cannot message %(names)s.") % {"names": ", ".join(sorted(blockers))}
        )


def _check_rate_limit(starter: User) -> None:
    if timezone.now() - starter.date_joined >= new_account_age():
        return
    started = Conversation.objects.filter(
        created_by=starter, created_at__gte=timezone.now() - timedelta(days=1)
    ).count()
    if started >= NEW_ACCOUNT_CONVERSATIONS_PER_DAY:
        raise ValidationError(
            ngettext(
                "New accounts can start at most %(count)d conversation a day.",
                "New accounts can start at most %(count)d conversations a day.",
                NEW_ACCOUNT_CONVERSATIONS_PER_DAY,
            )
            % {"count": NEW_ACCOUNT_CONVERSATIONS_PER_DAY}
        )


def start_conversation(
    *,
    starter: User,
    recipients: Sequence[User],
    body: str,
    title: str = "",
    attachments: Sequence[UploadedFile] = (),
) -> Conversation:
    """Start a one-to-one or group conversation with a first message.

    Raises ValidationError for no or too many recipients, blocked senders,
    an empty body and, for new accounts, more than 5 new conversations a day.
    """
    others = list({u.pk: u for u in recipients if u.pk != starter.pk}.values())
    if not others:
        raise ValidationError(_("Add at least one other person."))
    if len(others) + 1 > Conversation.MAX_PARTICIPANTS:
        raise ValidationError(
            _("A conversation has at most %(max)d people.") % {"max": Conversation.MAX_PARTICIPANTS}
        )
    if not body.strip():
        raise ValidationError(_("Write a message."))
    _check_not_blocked(sender=starter, recipients=others)
    _check_rate_limit(starter)
    with transaction.atomic():
        conversation = Conversation.objects.create(
            title=title.strip()[:120], created_by=starter, is_group=len(others) > 1
        )
        Participant.objects.bulk_create(
            [Participant(conversation=conversation, user=u) for u in [starter, *others]]
        )
        send_message(conversation=conversation, sender=starter, body=body, attachments=attachments)
    return conversation


def send_message(
    *,
    conversation: Conversation,
    sender: User,
    body: str,
    attachments: Sequence[UploadedFile] = (),
) -> Message:
    """Add a message (and its files); other participants are notified (one unread
    row per conversation). Files are checked before anything is saved."""
    if not body.strip() and not attachments:
        raise ValidationError(_("Write a message."))
    files = check_attachments(attachments)
    participants = list(conversation.participants.active().select_related("user"))
    if sender.pk not in {p.user_id for p in participants}:
        raise PermissionDenied
    others = [p.user for p in participants if p.user_id != sender.pk]
    if not conversation.is_group:
        _check_not_blocked(sender=sender, recipients=others)
    with transaction.atomic():
        message = Message.objects.create(
            conversation=conversation, sender=sender, body=body, body_html=render_markdown(body)
        )
        store_attachments(message=message, files=files)
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
        Participant.objects.filter(conversation=conversation, user=sender).update(
            last_read_message_id=message.pk
        )
    data = {
        "url": conversation.get_absolute_url(),
        "title": conversation.title or _("a private conversation"),
    }
    for user in others:
        notify(
            recipient=user,
            kind=kinds.PRIVATE_MESSAGE,
            actor=sender,
            data=data,
            dedupe_key=f"pm:{conversation.pk}",
        )
    return message


def mark_conversation_read(*, conversation: Conversation, user: User) -> None:
    """Move `user`'s read receipt to the newest message and clear its notification."""
    newest = conversation.messages.aggregate(newest=Max("id"))["newest"] or 0
    Participant.objects.filter(
        conversation=conversation, user=user, last_read_message_id__lt=newest
    ).update(last_read_message_id=newest)
    user.notifications.filter(dedupe_key=f"pm:{conversation.pk}", read_at__isnull=True).update(
        read_at=timezone.now()
    )


def leave_conversation(*, conversation: Conversation, user: User) -> None:
    """Leave a group conversation; one-to-one conversations cannot be left."""
    if not conversation.is_group:
        raise ValidationError(_("You can only leave group conversations."))
    Participant.objects.filter(conversation=conversation, user=user, left_at__isnull=True).update(
        left_at=timezone.now()
    )


def add_participants(*, conversation: Conversation, by: User, users: Sequence[User]) -> int:
    """The starter adds people to a group conversation; returns how many joined."""
    if not conversation.can_add_people(by):
        raise PermissionDenied
    if not conversation.is_group:
        raise ValidationError(_("People can only be added to group conversations."))
    current = set(conversation.participants.active().values_list("user_id", flat=True))
    new = [u for u in {u.pk: u for u in users}.values() if u.pk not in current]
    if not new:
        raise ValidationError(_("Everyone named is already in this conversation."))
    if len(current) + len(new) > Conversation.MAX_PARTICIPANTS:
        raise ValidationError(
            _("A conversation has at most %(max)d people.") % {"max": Conversation.MAX_PARTICIPANTS}
        )
    _check_not_blocked(sender=by, recipients=new)
    with transaction.atomic():
        for user in new:
            Participant.objects.update_or_create(
                conversation=conversation,
                user=user,
                defaults={"left_at": None, "joined_at": timezone.now()},
                create_defaults={"last_read_message_id": 0},
            )
    data = {"url": conversation.get_absolute_url(), "title": conversation.title}
    notify_many(recipients=new, kind=kinds.PRIVATE_MESSAGE, actor=by, data=data)
    return len(new)


def report_message(*, message: Message, reporter: User, reason: str) -> MessageReport:
    """A participant reports a message; moderators get a copy of its text."""
    is_participant = message.conversation.participants.active().filter(user=reporter).exists()
    if not is_participant:
        raise PermissionDenied
    if message.sender_id == reporter.pk:
        raise ValidationError(_("You cannot report your own message."))
    if not reason.strip():
        raise ValidationError(_("Say what is wrong with this message."))
    report, created = MessageReport.objects.get_or_create(
        message=message,
        reporter=reporter,
        defaults={
            "reason": reason.strip(),
            "body_snapshot": message.body,
            "sender_username": message.sender.username,
        },
    )
    if created:
        moderators = (
            User.objects.active()
            .filter(groups__name__in=["Moderators", "Administrators"])
            .distinct()
        )
        notify_many(
            recipients=list(moderators.values_list("pk", flat=True)),
            kind=kinds.MESSAGE_REPORT,
            actor=reporter,
            data={"url": f"/admin/social/messagereport/{report.pk}/change/", "title": reason[:80]},
        )
    return report
