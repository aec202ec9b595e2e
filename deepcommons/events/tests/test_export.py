from __future__ import annotations

import pytest

from deepcommons.accounts.models import User
from deepcommons.accounts.services import export_account_data
from deepcommons.events.models import Registration, RegistrationStatus
from deepcommons.events.services import leave_feedback
from deepcommons.events.tests.factories import EventFactory, past_event


@pytest.mark.django_db
def test_the_data_export_holds_my_registrations_feedback_and_events(alice: User) -> None:
    event = past_event(questions=["Affiliation?"])
    Registration.objects.create(
        event=event, user=alice, status=RegistrationStatus.GOING, answers={"Affiliation?": "SJTU"}
    )
    leave_feedback(event=event, user=alice, rating=5, comment="Superb")
    mine = EventFactory(organiser=alice)
    data = export_account_data(user=alice)["events"]
    assert data["registrations"][0]["answers"] == {"Affiliation?": "SJTU"}
    assert data["feedback"] == [{"event_id": event.pk, "rating": 5, "comment": "Superb"}]
    assert data["organised_event_ids"] == [mine.pk]
