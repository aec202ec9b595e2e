"""Recurring events: a series and its generated occurrences."""

from __future__ import annotations

import zoneinfo
from dataclasses import replace
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.events.models import Event, EventSeries, Rule
from deepcommons.events.services.events import EventInput, check_can_organise, create_event

MAX_OCCURRENCES = 26


def occurrence_starts(start: datetime, *, rule: str, count: int, zone: str) -> list[datetime]:
    """`count` starts from `start`, repeating by `rule` at the same wall-clock
    time in `zone` (a reading group stays at 19:30 across a DST change)."""
    tz = zoneinfo.ZoneInfo(zone)
    local = start.astimezone(tz).replace(tzinfo=None)
    starts = []
    for i in range(count):
        if rule == Rule.WEEKLY:
            moment = local + timedelta(weeks=i)
        elif rule == Rule.BIWEEKLY:
            moment = local + timedelta(weeks=2 * i)
        elif rule == Rule.MONTHLY:
            moment = local + relativedelta(months=i)
        else:
            raise ValueError(f"unknown rule {rule!r}")
        starts.append(moment.replace(tzinfo=tz))
    return starts


@transaction.atomic
def create_series(*, organiser: User, data: EventInput, rule: str, count: int) -> EventSeries:
    """A series of `count` events (2 to 26) like `data`, the first at its start."""
    check_can_organise(organiser)
    if rule not in Rule.values:
        raise ValidationError({"repeat": [_("Choose how the event repeats.")]})
    if not 2 <= count <= MAX_OCCURRENCES:
        raise ValidationError(
            {"occurrences": [_("A series has 2 to %(n)d events.") % {"n": MAX_OCCURRENCES}]}
        )
    if data.starts_at is None or data.ends_at is None:
        raise ValidationError({"starts_at": [_("Give a start and an end.")]})
    series = EventSeries.objects.create(
        title=data.title.strip()[:150], rule=rule, organiser=organiser
    )
    duration = data.ends_at - data.starts_at
    for start in occurrence_starts(data.starts_at, rule=rule, count=count, zone=data.timezone):
        create_event(
            organiser=organiser,
            data=replace(data, starts_at=start, ends_at=start + duration),
            series=series,
        )
    return series


def series_events(series: EventSeries) -> list[Event]:
    return list(Event.objects.filter(series=series).for_listing().order_by("starts_at", "pk"))
