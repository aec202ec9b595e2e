from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.analytics.models import ActivityEvent, ActivityKind


class ActivityEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityEvent

    user = factory.SubFactory(UserFactory)
    kind = ActivityKind.VISIT
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
