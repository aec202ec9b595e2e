from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.social import kinds, services
from deepcommons.social.models import Conversation, MessageReport, Notification, Participant
from deepcommons.social.tests.factories import conversation_between


def _urls(conversation: Conversation) -> list[tuple[str, str]]:
    c = conversation.pk
    m = conversation.messages.first().pk  # type: ignore[union-attr]
    return [
        ("get", f"/messages/{c}/"),
        ("post", f"/messages/{c}/"),
        ("post", f"/messages/{c}/leave/"),
        ("post", f"/messages/{c}/add/"),
        ("get", f"/messages/{c}/{m}/report/"),
        ("post", f"/messages/{c}/{m}/report/"),
        ("get", f"/api/v1/conversations/{c}"),
        ("get", f"/api/v1/conversations/{c}/messages"),
        ("post", f"/api/v1/conversations/{c}/messages"),
        ("post", f"/api/v1/conversations/{c}/leave"),
        ("post", f"/api/v1/conversations/{c}/participants"),
        ("post", f"/api/v1/conversations/{c}/messages/{m}/report"),
    ]


def _request(client: Client, method: str, url: str) -> Any:
    if method == "get":
        return client.get(url)
    if url.startswith("/api/"):
        return client.post(
            url,
            json.dumps({"body": "x", "usernames": ["charlie"], "reason": "x"}),
            content_type="application/json",
        )
    return client.post(url, {"body": "x", "usernames": "charlie", "reason": "x"})


def test_outsiders_get_404_on_every_view_and_endpoint(
    alice: User, bob: User, charlie_client: Client, client: Client
) -> None:
    group = conversation_between(alice, bob, UserFactory(), body="secret plans")
    for method, url in _urls(group):
        for who in (charlie_client, client):
            response = _request(who, method, url)
            # Anonymous page requests go to login first; nothing leaks either way.
            assert response.status_code in (404, 302, 401), (method, url, response.status_code)
            assert b"secret plans" not in response.content
            if who is charlie_client:
                assert response.status_code == 404, (method, url)
    assert group.messages.count() == 1
    assert not Participant.objects.filter(user__username="charlie").exists()
    assert not MessageReport.objects.exists()


def test_guessed_and_sequential_ids_are_404_for_outsiders(
    alice: User, bob: User, charlie: User, charlie_client: Client
) -> None:
    first = conversation_between(alice, bob, body="one")
    mine = conversation_between(charlie, alice, body="two")
    for conversation_id in (first.pk, first.pk + 100, mine.pk + 1, 0):
        assert charlie_client.get(f"/messages/{conversation_id}/").status_code == 404
        assert charlie_client.get(f"/api/v1/conversations/{conversation_id}").status_code == 404
    assert charlie_client.get(f"/messages/{mine.pk}/").status_code == 200
    listed = charlie_client.get("/api/v1/conversations").json()["items"]
    assert [c["id"] for c in listed] == [mine.pk]


def test_participants_exchange_messages_with_read_receipts(
    alice: User, bob: User, alice_client: Client, bob_client: Client
) -> None:
    conversation = conversation_between(alice, bob, body="Hi **bob**")
    listing = bob_client.get("/messages/").content.decode()
    assert "1 unread" in listing
    page = bob_client.get(conversation.get_absolute_url()).content.decode()
    assert "<strong>bob</strong>" in page
    bob_client.post(conversation.get_absolute_url(), {"body": "Hi alice"})
    page = alice_client.get(conversation.get_absolute_url()).content.decode()
    assert "Hi alice" in page
    assert "Seen by" in page and "鲍勃" in page
    assert Notification.objects.filter(recipient=alice, kind=kinds.PRIVATE_MESSAGE).exists()


def test_an_empty_reply_keeps_the_page_and_shows_an_error(
    alice: User, bob: User, bob_client: Client
) -> None:
    conversation = conversation_between(alice, bob)
    response = bob_client.post(conversation.get_absolute_url(), {"body": "   "})
    assert response.status_code == 400
    assert conversation.messages.count() == 1


def test_new_conversation_form_reports_unknown_users_and_keeps_text(
    alice_client: Client, bob: User
) -> None:
    response = alice_client.post(
        "/messages/new/", {"recipients": "bob, ghost", "body": "my long text"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "ghost" in body and "my long text" in body
    response = alice_client.post("/messages/new/", {"recipients": "@Bob", "body": "hello"})
    assert response.status_code == 302
    assert Conversation.objects.get().participants.count() == 2


def test_blocked_users_cannot_message(alice: User, bob: User) -> None:
    conversation = conversation_between(alice, bob)
    services.block_user(user=bob, target=alice)
    with pytest.raises(ValidationError):
        services.send_message(conversation=conversation, sender=alice, body="still there?")
    with pytest.raises(ValidationError):
        conversation_between(alice, bob)


def test_groups_have_at_most_twenty_people(alice: User) -> None:
    people = [UserFactory() for _ in range(20)]
    with pytest.raises(ValidationError):
        conversation_between(alice, *people)
    group = conversation_between(alice, *people[:18])
    services.add_participants(conversation=group, by=alice, users=[people[18]])
    with pytest.raises(ValidationError):
        services.add_participants(conversation=group, by=alice, users=[people[19]])


def test_only_the_starter_adds_people_and_members_can_leave(
    alice: User, bob: User, charlie: User, bob_client: Client, alice_client: Client
) -> None:
    group = conversation_between(alice, bob, UserFactory(), title="Reading group")
    assert (
        bob_client.post(f"/messages/{group.pk}/add/", {"usernames": "charlie"}).status_code == 403
    )
    alice_client.post(f"/messages/{group.pk}/add/", {"usernames": "charlie"})
    assert group.participants.active().filter(user=charlie).exists()
    bob_client.post(f"/messages/{group.pk}/leave/")
    assert bob_client.get(f"/messages/{group.pk}/").status_code == 404


def test_one_to_one_conversations_cannot_be_left(alice: User, bob: User) -> None:
    with pytest.raises(ValidationError):
        services.leave_conversation(conversation=conversation_between(alice, bob), user=bob)


def test_reports_copy_the_message_for_moderators(
    alice: User, bob: User, bob_client: Client
) -> None:
    moderator = UserFactory(username="mod")
    services_role(moderator)
    conversation = conversation_between(alice, bob, body="rude words")
    message = conversation.messages.get()
    response = bob_client.post(
        f"/messages/{conversation.pk}/{message.pk}/report/", {"reason": "rude"}
    )
    assert response.status_code == 302
    report = MessageReport.objects.get()
    assert (report.body_snapshot, report.sender_username) == ("rude words", "alice")
    assert Notification.objects.filter(recipient=moderator, kind=kinds.MESSAGE_REPORT).exists()


def services_role(user: User) -> None:
    from deepcommons.accounts.services import set_role

    set_role(user=user, role="moderator")


def test_new_accounts_start_at_most_five_conversations_a_day(alice: User, bob: User) -> None:
    newcomer = UserFactory()
    for _ in range(5):
        conversation_between(newcomer, bob)
    with pytest.raises(ValidationError):
        conversation_between(newcomer, alice)
    User.objects.filter(pk=newcomer.pk).update(date_joined=timezone.now() - timedelta(days=30))
    newcomer.refresh_from_db()
    conversation_between(newcomer, alice)


def test_conversation_list_query_count_is_constant(
    alice: User, alice_client: Client, django_assert_num_queries: Any
) -> None:
    def make(count: int) -> None:
        for _ in range(count):
            Conversation.objects.filter(pk=conversation_between(alice, UserFactory()).pk).update(
                created_at=timezone.now() - timedelta(days=2)
            )

    make(5)
    alice_client.get("/messages/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        alice_client.get("/messages/")
    make(45)
    with django_assert_num_queries(len(small.captured_queries)):
        response = alice_client.get("/messages/")
    assert len(response.context["rows"]) == 30
