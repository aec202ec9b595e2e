from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction, AuditEntry, CloseVote
from deepcommons.moderation.tests.factories import make_moderator, make_trusted
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_question
from deepcommons.spaces.models import Space

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def panel(post: Post) -> str:
    return reverse("moderation:post-panel", args=[post.pk])


def action(post: Post, name: str) -> str:
    return reverse("moderation:post-action", args=[post.pk, name])


def test_anonymous_visitors_get_an_empty_panel(client: Client, bob: User) -> None:
    assert client.get(panel(make_question(author=bob))).status_code == 204


def test_members_get_a_flag_button_only(alice_client: Client, bob: User) -> None:
    page = alice_client.get(panel(make_question(author=bob))).content.decode()
    assert "Flag" in page and "Moderate" not in page


def test_authors_get_no_flag_button(bob_client: Client, bob: User) -> None:
    page = bob_client.get(panel(make_question(author=bob))).content.decode()
    assert "/moderation/flag/" not in page


def test_moderators_get_the_buttons(bob: User) -> None:
    page = client_for(make_moderator()).get(panel(make_question(author=bob))).content.decode()
    assert "Moderate" in page and "Lock" in page and "Merge" in page and "Move" in page


def test_panel_of_a_deleted_post_is_hidden_from_members(alice_client: Client, bob: User) -> None:
    question = make_question(author=bob)
    question.deleted_at = question.created_at
    question.save(update_fields=["deleted_at"])
    assert alice_client.get(panel(question)).status_code == 404


def test_members_cannot_take_actions(alice_client: Client, bob: User) -> None:
    question = make_question(author=bob)
    assert alice_client.post(action(question, "lock")).status_code == 403
    assert not AuditEntry.objects.exists()


def test_anonymous_cannot_take_actions(client: Client, bob: User) -> None:
    assert client.post(action(make_question(author=bob), "lock")).status_code == 302


@pytest.mark.parametrize(
    ("name", "data", "audit"),
    [
        ("lock", {}, AuditAction.LOCK),
        ("pin", {}, AuditAction.PIN),
        ("feature", {}, AuditAction.FEATURE),
        ("delete", {"reason": "spam"}, AuditAction.DELETE),
        ("close", {"reason": "off-topic"}, AuditAction.CLOSE),
    ],
)
def test_moderator_buttons_act_and_audit(bob: User, name: str, data: dict, audit: str) -> None:
    question = make_question(author=bob)
    response = client_for(make_moderator()).post(action(question, name), data)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action=audit, target_id=question.pk).count() == 1


def test_move_and_merge_buttons(bob: User) -> None:
    client = client_for(make_moderator())
    question = make_question(author=bob)
    Space.objects.create(slug="nlp", name_en="NLP", name_zh="自然语言")
    client.post(action(question, "move"), {"space": "nlp"})
    assert AuditEntry.objects.filter(action=AuditAction.MOVE).count() == 1
    target = make_question(author=bob, title="Target")
    client.post(action(question, "merge"), {"target": target.get_absolute_url()})
    assert AuditEntry.objects.filter(action=AuditAction.MERGE).count() == 1


def test_merge_into_itself_shows_an_error(bob: User) -> None:
    client = client_for(make_moderator())
    question = make_question(author=bob)
    response = client.post(action(question, "merge"), {"target": str(question.pk)}, follow=True)
    assert "itself" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_unknown_action_is_not_found(bob: User) -> None:
    question = make_question(author=bob)
    assert client_for(make_moderator()).post(action(question, "explode")).status_code == 404


def test_close_vote_button_counts_a_vote(bob: User) -> None:
    voter = make_trusted(reputation=3000)
    question = make_question(author=bob)
    client = client_for(voter)
    assert "Vote to close" in client.get(panel(question)).content.decode()
    url = reverse("moderation:close-vote", args=[question.pk])
    client.post(url, {"kind": "close", "reason": "off-topic"})
    assert CloseVote.objects.filter(post=question, voter=voter).count() == 1
    client.post(url, {"retract": "1"})
    assert not CloseVote.objects.exists()


def test_close_vote_without_privilege_is_refused(alice_client: Client, bob: User) -> None:
    question = make_question(author=bob)
    url = reverse("moderation:close-vote", args=[question.pk])
    assert alice_client.post(url, {"kind": "close", "reason": "off-topic"}).status_code == 403


def test_question_page_loads_the_panel_for_members_only(
    alice_client: Client, client: Client, bob: User
) -> None:
    question = make_question(author=bob)
    assert panel(question) in alice_client.get(question.get_absolute_url()).content.decode()
    assert panel(question) not in client.get(question.get_absolute_url()).content.decode()
