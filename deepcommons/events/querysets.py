"""Reads of events and registrations as chainable QuerySet methods."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

if TYPE_CHECKING:
    from deepcommons.events.models import Event, Registration  # noqa: F401

GOING = "going"
WAITLISTED = "waitlisted"
INTERESTED = "interested"
CANCELLED = "cancelled"


class EventQuerySet(models.QuerySet["Event"]):
    def scheduled(self) -> EventQuerySet:
        return self.filter(status="scheduled")

    def upcoming(self, now: datetime | None = None) -> EventQuerySet:
        """Events that have not ended yet (running ones included)."""
        return self.filter(ends_at__gt=now or timezone.now())

    def past(self, now: datetime | None = None) -> EventQuerySet:
        return self.filter(ends_at__lte=now or timezone.now())

    def with_counts(self) -> EventQuerySet:
        """Annotate `going_count` and `waitlist_count` (one query with the list)."""
        return self.annotate(
            going_count=Count("registrations", filter=Q(registrations__status=GOING)),
            waitlist_count=Count("registrations", filter=Q(registrations__status=WAITLISTED)),
        )

    def for_listing(self) -> EventQuerySet:
        return self.select_related("space", "organiser").with_counts()

    def for_page(self) -> EventQuerySet:
        """With everything an event's page (or API detail) shows."""
        from django.db.models import Prefetch

        from deepcommons.events.models import Speaker

        return (
            self.with_counts()
            .select_related("space", "organiser", "series", "discussion")
            .prefetch_related(
                "co_organisers",
                "tags",
                Prefetch("speakers", queryset=Speaker.objects.select_related("user")),
            )
        )

    def filtered(
        self,
        *,
        format: str = "",
        city: str = "",
        space: Any = None,
        kind: str = "",
        language: str = "",
    ) -> EventQuerySet:
        """The calendar page's filters; empty values do not filter."""
        queryset = self
        if format:
            queryset = queryset.filter(format=format)
        if city:
            queryset = queryset.filter(city__iexact=city.strip())
        if space is not None:
            queryset = queryset.filter(space=space)
        if kind:
            queryset = queryset.filter(kind=kind)
        if language:
            queryset = queryset.filter(language=language)
        return queryset

    # Membership tests go through subqueries, not joins, so they never change
    # the counts `with_counts` annotates.
    def organised_by(self, user: Any) -> EventQuerySet:
        co = self.model.co_organisers.through.objects.filter(user=user).values("event_id")
        return self.filter(Q(organiser=user) | Q(pk__in=co))

    def registered_by(self, user: Any) -> EventQuerySet:
        """Events `user` is going to, waitlisted for, interested in, or organises."""
        from deepcommons.events.models import Registration

        mine = Registration.objects.filter(
            user=user, status__in=[GOING, WAITLISTED, INTERESTED]
        ).values("event_id")
        co = self.model.co_organisers.through.objects.filter(user=user).values("event_id")
        return self.filter(Q(pk__in=mine) | Q(organiser=user) | Q(pk__in=co))


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def going(self) -> RegistrationQuerySet:
        return self.filter(status=GOING)

    def waitlisted(self) -> RegistrationQuerySet:
        return self.filter(status=WAITLISTED)

    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=CANCELLED)

    def waitlist_order(self) -> RegistrationQuerySet:
        return self.waitlisted().order_by("status_changed_at", "pk")

    def of(self, event: Event) -> RegistrationQuerySet:
        return self.filter(event=event)
