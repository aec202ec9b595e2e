"""Creating, editing and cancelling events."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.core.markdown import render_markdown
from deepcommons.events.models import (
    EVENT_ORGANISER_REPUTATION,
    MAX_QUESTIONS,
    TITLE_MAX,
    Event,
    EventKind,
    EventStatus,
    Format,
    Language,
    RegistrationStatus,
    Speaker,
    can_organise,
)
from deepcommons.events.notifications import EVENT_CANCELLED
from deepcommons.events.pagecache import event_changed
from deepcommons.posts.services.guards import check_can_write
from deepcommons.social.services.notifications import notify_many
from deepcommons.spaces.models import Space, Tag
from deepcommons.spaces.services.tags import parse_tag_names

MAX_DURATION = timedelta(days=14)
MAX_SPEAKERS = 10
MAX_CO_ORGANISERS = 10
QUESTION_MAX = 200


@dataclass
class EventInput:
    """What an organiser writes. Times are aware datetimes (any zone)."""

    title: str = ""
    description: str = ""
    kind: str = EventKind.TALK
    format: str = Format.ONLINE
    language: str = Language.ZH
    space: Space | None = None
    tags: Any = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    timezone: str = "Asia/Shanghai"
    venue: str = ""
    address: str = ""
    city: str = ""
    capacity: int | None = None
    video_url: str = ""
    slides_url: str = ""
    recording_url: str = ""
    questions: list[str] = field(default_factory=list)
    # One a line: "@username" for a member, else "Name, affiliation".
    speakers: list[str] = field(default_factory=list)
    co_organisers: list[str] = field(default_factory=list)


def check_can_organise(user: User) -> None:
    check_can_write(user)
    if not can_organise(user):
        raise PermissionDenied(
            _("Organising events needs %(points)d reputation.")
            % {"points": EVENT_ORGANISER_REPUTATION}
        )


def _clean(data: EventInput, *, organiser: User) -> dict[str, Any]:
    """Check `data`; the cleaned values, or a ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    title = data.title.strip()
    if not title or len(title) > TITLE_MAX:
        errors.setdefault("title", []).append(
            _("An event needs a title of at most %(n)d characters.") % {"n": TITLE_MAX}
        )
    if data.kind not in EventKind.values:
        errors.setdefault("kind", []).append(_("Choose a kind of event."))
    if data.format not in Format.values:
        errors.setdefault("format", []).append(_("Choose online, in person or hybrid."))
    if data.language not in Language.values:
        errors.setdefault("language", []).append(_("Choose a language."))
    try:
        zoneinfo.ZoneInfo(data.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors.setdefault("timezone", []).append(_("Choose a time zone."))
    if data.starts_at is None or data.ends_at is None:
        errors.setdefault("starts_at", []).append(_("Give a start and an end."))
    elif timezone.is_naive(data.starts_at) or timezone.is_naive(data.ends_at):
        raise ValueError("event times must be aware")
    elif data.ends_at <= data.starts_at:
        errors.setdefault("ends_at", []).append(_("The event must end after it starts."))
    elif data.ends_at - data.starts_at > MAX_DURATION:
        errors.setdefault("ends_at", []).append(_("An event lasts at most 14 days."))
    if data.format in (Format.OFFLINE, Format.HYBRID) and not (
        data.venue.strip() or data.address.strip()
    ):
        errors.setdefault("address", []).append(_("Say where it takes place."))
    if data.capacity is not None and data.capacity < 1:
        errors.setdefault("capacity", []).append(_("Capacity must be at least 1."))
    questions = [q.strip() for q in data.questions if q.strip()]
    if len(questions) > MAX_QUESTIONS or any(len(q) > QUESTION_MAX for q in questions):
        errors.setdefault("questions", []).append(
            _("Ask at most %(n)d questions of at most 200 characters each.") % {"n": MAX_QUESTIONS}
        )
    tag_names = parse_tag_names(data.tags)
    tags = list(Tag.objects.filter(name__in=tag_names))
    unknown = sorted(set(tag_names) - {t.name for t in tags})
    if unknown:
        errors.setdefault("tags", []).append(
            _("Unknown tags: %(names)s") % {"names": ", ".join(unknown)}
        )
    co_names = [n.strip() for n in data.co_organisers if n.strip()]
    co_users, missing = User.objects.active().named(co_names)
    if missing:
        errors.setdefault("co_organisers", []).append(
            _("No members called: %(names)s") % {"names": ", ".join(missing)}
        )
    if len(co_users) > MAX_CO_ORGANISERS:
        errors.setdefault("co_organisers", []).append(_("At most 10 co-organisers."))
    speakers, speaker_errors = _parse_speakers(data.speakers)
    if speaker_errors:
        errors.setdefault("speakers", []).extend(speaker_errors)
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "description": data.description,
        "description_html": render_markdown(data.description),
        "kind": data.kind,
        "format": data.format,
        "language": data.language,
        "space": data.space,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "timezone": data.timezone,
        "venue": data.venue.strip() if data.format != Format.ONLINE else "",
        "address": data.address.strip() if data.format != Format.ONLINE else "",
        "city": data.city.strip() if data.format != Format.ONLINE else "",
        "capacity": data.capacity,
        "video_url": data.video_url.strip() if data.format != Format.OFFLINE else "",
        "slides_url": data.slides_url.strip(),
        "recording_url": data.recording_url.strip(),
        "questions": questions,
        "_tags": tags,
        "_co": [u for u in co_users if u.pk != organiser.pk],
        "_speakers": speakers,
    }


def _parse_speakers(lines: list[str]) -> tuple[list[tuple[User | None, str, str]], list[str]]:
    rows = [line.strip() for line in lines if line.strip()]
    if len(rows) > MAX_SPEAKERS:
        return [], [_("At most 10 speakers.")]
    usernames = [r.split(",", 1)[0].strip() for r in rows if r.startswith("@")]
    found, missing = User.objects.active().named(usernames)
    by_name = {u.username.lower(): u for u in found}
    if missing:
        return [], [_("No members called: %(names)s") % {"names": ", ".join(missing)}]
    speakers: list[tuple[User | None, str, str]] = []
    for row in rows:
        name, _sep, affiliation = row.partition(",")
        name, affiliation = name.strip(), affiliation.strip()[:150]
        if name.startswith("@"):
            speakers.append((by_name[name.lstrip("@").lower()], "", affiliation))
        else:
            speakers.append((None, name[:100], affiliation))
    return speakers, []


def _apply_relations(event: Event, cleaned: dict[str, Any]) -> None:
    event.tags.set(cleaned["_tags"])
    event.co_organisers.set(cleaned["_co"])
    event.speakers.all().delete()
    Speaker.objects.bulk_create(
        Speaker(event=event, user=user, name=name, affiliation=affiliation, position=i)
        for i, (user, name, affiliation) in enumerate(cleaned["_speakers"])
    )


def _fields(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in cleaned.items() if not k.startswith("_")}


@transaction.atomic
def create_event(*, organiser: User, data: EventInput, series: Any = None) -> Event:
    """A new scheduled event organised by `organiser` (who needs the privilege)."""
    check_can_organise(organiser)
    cleaned = _clean(data, organiser=organiser)
    event = Event.objects.create(organiser=organiser, series=series, **_fields(cleaned))
    _apply_relations(event, cleaned)
    event_changed(event.pk)
    return event


def update_event(*, event: Event, by: User, data: EventInput) -> Event:
    """Edit an event. Registrations stay; raising the capacity promotes the waitlist."""
    from deepcommons.events.services.registration import notify_promoted, promote_waitlist

    if not event.can_be_edited_by(by):
        raise PermissionDenied(_("Only the organisers may edit this event."))
    check_can_write(by)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.is_cancelled:
            raise ValidationError(_("A cancelled event cannot be edited."))
        cleaned = _clean(data, organiser=locked.organiser)
        for name, value in _fields(cleaned).items():
            setattr(locked, name, value)
        locked.updated_at = timezone.now()
        locked.sequence += 1
        locked.save()
        _apply_relations(locked, cleaned)
        promoted = promote_waitlist(locked) if not locked.has_ended() else []
        event_changed(locked.pk)
    if promoted:
        notify_promoted(locked, promoted)
    return locked


@transaction.atomic
def update_materials(*, event: Event, by: User, slides_url: str, recording_url: str) -> Event:
    """Slides and recording links, added after the event."""
    if not event.can_be_edited_by(by):
        raise PermissionDenied(_("Only the organisers may edit this event."))
    from django.core.validators import URLValidator

    validate = URLValidator(schemes=["http", "https"])
    errors: dict[str, list[str]] = {}
    for name, value in (("slides_url", slides_url), ("recording_url", recording_url)):
        if value.strip():
            try:
                validate(value.strip())
            except ValidationError:
                errors[name] = [_("Enter a valid link.")]
    if errors:
        raise ValidationError(errors)
    Event.objects.filter(pk=event.pk).update(
        slides_url=slides_url.strip(),
        recording_url=recording_url.strip(),
        updated_at=timezone.now(),
    )
    event.refresh_from_db()
    event_changed(event.pk)
    return event


def cancel_event(*, event: Event, by: User, reason: str = "") -> Event:
    """Cancel and notify everyone going, waitlisted or interested."""
    if not event.can_be_edited_by(by):
        raise PermissionDenied(_("Only the organisers may cancel this event."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.is_cancelled:
            raise ValidationError(_("This event is already cancelled."))
        if locked.has_ended():
            raise ValidationError(_("This event has already taken place."))
        locked.status = EventStatus.CANCELLED
        locked.cancel_reason = reason.strip()[:500]
        locked.updated_at = timezone.now()
        locked.sequence += 1
        locked.save(update_fields=["status", "cancel_reason", "updated_at", "sequence"])
        recipients = list(
            locked.registrations.exclude(status=RegistrationStatus.CANCELLED).values_list(
                "user_id", flat=True
            )
        )
        event_changed(locked.pk)
    notify_many(
        recipients=recipients,
        kind=EVENT_CANCELLED,
        actor=by,
        target=locked,
        data={"reason": locked.cancel_reason},
    )
    return locked
