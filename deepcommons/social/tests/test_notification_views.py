from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.social import kinds, services
from deepcommons.social.models import Notification


def _notify(recipient: User, actor: User, count: int) -> None:
    for i in range(count):
        services.notify(
            recipient=recipient, kind=kinds.COMMENT, actor=actor, data={"title": f"T{i}"}
        )


def test_bell_is_empty_for_anonymous_and_counts_unread(
    client: Client, alice: User, bob: User, alice_client: Client
) -> None:
    assert client.get("/notifications/bell/").status_code == 204
    _notify(alice, bob, 3)
    response = alice_client.get("/notifications/bell/")
    assert 'class="bell-count" aria-hidden="true">3<' in response.content.decode()
    assert 'hx-trigger="every 30s"' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_page_is_for_the_owner_only(
    client: Client, alice: User, bob: User, alice_client: Client, bob_client: Client
) -> None:
    _notify(alice, bob, 1)
    note = Notification.objects.get()
    assert client.get("/notifications/")["Location"].startswith("/accounts/login/")
    assert "T0" in alice_client.get("/notifications/").content.decode()
    assert "T0" not in bob_client.get("/notifications/").content.decode()
    assert bob_client.get(f"/notifications/{note.pk}/open/").status_code == 404
    assert bob_client.post(f"/notifications/{note.pk}/read/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_opening_marks_read_and_redirects(alice: User, bob: User, alice_client: Client) -> None:
    services.notify(recipient=alice, kind=kinds.NEW_FOLLOWER, actor=bob, target=bob)
    note = Notification.objects.get()
    response = alice_client.get(f"/notifications/{note.pk}/open/")
    assert response["Location"] == "/u/bob/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_mark_one_and_all_read(alice: User, bob: User, alice_client: Client) -> None:
    _notify(alice, bob, 3)
    first = Notification.objects.first()
    alice_client.post(f"/notifications/{first.pk}/read/", HTTP_HX_REQUEST="true")  # type: ignore[union-attr]
    assert Notification.objects.unread_count(user=alice) == 2
    alice_client.post("/notifications/read/")
    assert Notification.objects.unread_count(user=alice) == 0


def test_list_is_grouped_by_day_with_constant_queries(
    alice: User, bob: User, alice_client: Client, django_assert_num_queries: Any
) -> None:
    _notify(alice, bob, 5)
    Notification.objects.filter(data__title="T0").update(
        created_at=timezone.now() - timedelta(days=3)
    )
    alice_client.get("/notifications/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        response = alice_client.get("/notifications/")
    assert len(response.context["days"]) == 2
    _notify(alice, bob, 45)
    with django_assert_num_queries(len(small.captured_queries)):
        response = alice_client.get("/notifications/")
    assert sum(len(items) for _day, items in response.context["days"]) == 30
    older = alice_client.get("/notifications/", {"cursor": response.context["next_cursor"]})
    assert sum(len(items) for _day, items in older.context["days"]) == 20
