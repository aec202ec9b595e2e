from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.moderation.models import Flag
from deepcommons.posts.tests.factories import make_question

pytestmark = pytest.mark.django_db


def url(kind: str, pk: int) -> str:
    return reverse("moderation:flag", args=[kind, pk])


def test_anonymous_visitors_are_sent_to_log_in(client: Client, bob: User) -> None:
    assert client.get(url("post", make_question(author=bob).pk)).status_code == 302


def test_member_flags_a_post(alice_client: Client, bob: User) -> None:
    question = make_question(author=bob)
    assert alice_client.get(url("post", question.pk)).status_code == 200
    response = alice_client.post(url("post", question.pk), {"reason": "spam"})
    assert response.status_code == 302
    assert Flag.objects.get().post == question


def test_owner_sees_the_error_with_input_kept(bob_client: Client, bob: User) -> None:
    question = make_question(author=bob)
    response = bob_client.post(url("post", question.pk), {"reason": "spam", "text": "kept"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "your own post" in page and "kept" in page


def test_duplicate_needs_a_real_question(alice_client: Client, bob: User) -> None:
    question = make_question(author=bob)
    response = alice_client.post(
        url("post", question.pk), {"reason": "duplicate", "duplicate_of": "https://x.example/"}
    )
    assert response.status_code == 400
    original = make_question(author=bob, title="Original")
    alice_client.post(
        url("post", question.pk),
        {"reason": "duplicate", "duplicate_of": original.get_absolute_url()},
    )
    assert Flag.objects.get().duplicate_of == original


def test_unknown_kind_or_target_is_not_found(alice_client: Client) -> None:
    assert alice_client.get(url("planet", 1)).status_code == 404
    assert alice_client.get(url("post", 999_999)).status_code == 404


def test_messages_of_other_conversations_are_not_found(alice_client: Client) -> None:
    assert alice_client.get(url("message", 1)).status_code == 404


def test_member_flags_a_user(alice_client: Client, bob: User) -> None:
    alice_client.post(url("user", bob.pk), {"reason": "spam"})
    assert Flag.objects.get().user == bob


def test_comments_carry_a_flag_link_for_other_members(
    alice_client: Client, bob_client: Client, bob: User
) -> None:
    from deepcommons.posts.tests.factories import make_comment

    question = make_question()
    comment = make_comment(question, author=bob)
    link = url("comment", comment.pk)
    assert link in alice_client.get(question.get_absolute_url()).content.decode()
    assert link not in bob_client.get(question.get_absolute_url()).content.decode()


def test_profiles_carry_a_flag_link_for_other_members(
    alice_client: Client, bob_client: Client, client: Client, bob: User
) -> None:
    link = url("user", bob.pk)
    assert link in alice_client.get(bob.get_absolute_url()).content.decode()
    assert link not in bob_client.get(bob.get_absolute_url()).content.decode()
    assert link not in client.get(bob.get_absolute_url()).content.decode()


def test_a_conversations_report_link_flags_the_message_for_the_queue(
    alice_client: Client, alice: User, bob: User
) -> None:
    from deepcommons.social.services import start_conversation

    conversation = start_conversation(starter=bob, recipients=[alice], body="Buy cheap watches")
    message = conversation.messages.get()
    page = alice_client.get(f"/messages/{conversation.pk}/").content.decode()
    assert f'href="{url("message", message.pk)}"' in page
    response = alice_client.post(url("message", message.pk), {"reason": "spam"})
    assert response.status_code == 302
    assert Flag.objects.get().message == message
