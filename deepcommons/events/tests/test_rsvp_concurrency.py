"""50 members register at once for 10 seats: exactly 10 get one, 40 wait.

Real threads, each with its own database connection. On PostgreSQL the event
row lock (`select_for_update`) makes each registration count the seats after
the previous one committed; on SQLite writers queue (IMMEDIATE transactions
on a file copy of the test database). Either way nobody is overbooked.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.events.models import Event, Registration, RegistrationStatus
from deepcommons.events.services import cancel_registration, register_for_event
from deepcommons.events.tests.factories import EventFactory
from deepcommons.posts.tests.test_vote import _threads_share_a_real_database

MEMBERS = 50
SEATS = 10


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_registrations_fill_ten_seats_exactly() -> None:
    event = EventFactory(capacity=SEATS)
    members = [UserFactory(username=f"member{i}") for i in range(MEMBERS)]
    barrier = threading.Barrier(MEMBERS)
    errors: list[BaseException] = []
    results: dict[str, int] = {}

    def rsvp(user: User) -> None:
        try:
            barrier.wait()
            register_for_event(event=Event(pk=event.pk), user=user)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    def read_back() -> None:
        rows = Registration.objects.filter(event_id=event.pk)
        results.update(
            going=rows.filter(status=RegistrationStatus.GOING).count(),
            waitlisted=rows.filter(status=RegistrationStatus.WAITLISTED).count(),
            rows=rows.count(),
        )
        # A cancellation then promotes exactly one from the waitlist.
        leaver = rows.filter(status=RegistrationStatus.GOING).select_related("user").first()
        assert leaver is not None
        cancel_registration(event=Event.objects.get(pk=event.pk), user=leaver.user)
        results.update(
            going_after=rows.filter(status=RegistrationStatus.GOING).count(),
            waitlisted_after=rows.filter(status=RegistrationStatus.WAITLISTED).count(),
        )
        connection.close()

    with _threads_share_a_real_database():
        threads = [threading.Thread(target=rsvp, args=(m,)) for m in members]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        reader = threading.Thread(target=read_back)
        reader.start()
        reader.join()
    assert errors == []
    assert results == {
        "going": SEATS,
        "waitlisted": MEMBERS - SEATS,
        "rows": MEMBERS,
        "going_after": SEATS,
        "waitlisted_after": MEMBERS - SEATS - 1,
    }
