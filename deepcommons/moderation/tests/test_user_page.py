from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction, AuditEntry
from deepcommons.moderation.services import log_action
from deepcommons.moderation.tests.factories import make_administrator, make_moderator

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(user: User) -> str:
    return reverse("moderation:user", args=[user.username])


def act(user: User, name: str) -> str:
    return reverse("moderation:user-action", args=[user.username, name])


def test_anonymous_visitors_are_sent_to_log_in(client: Client, bob: User) -> None:
    assert client.get(page(bob)).status_code == 302


def test_members_are_refused(alice_client: Client, bob: User) -> None:
    assert alice_client.get(page(bob)).status_code == 403
    assert alice_client.post(act(bob, "suspend"), {"reason": "x"}).status_code == 403


def test_moderators_see_the_page_and_unknown_users_are_not_found(bob: User) -> None:
    client = client_for(make_moderator())
    assert client.get(page(bob)).status_code == 200
    assert client.get(reverse("moderation:user", args=["nobody"])).status_code == 404


def test_suspend_from_the_page_and_the_member_sees_why(bob: User, bob_client: Client) -> None:
    client = client_for(make_moderator())
    response = client.post(act(bob, "suspend"), {"days": "3", "reason": "Spamming links"})
    assert response.status_code == 302
    status = bob_client.get(reverse("moderation:suspended")).content.decode()
    assert "Spamming links" in status and "suspended until" in status
    assert AuditEntry.objects.filter(action=AuditAction.SUSPEND).count() == 1


def test_suspending_an_administrator_shows_a_clear_message(bob: User) -> None:
    make_administrator(bob)
    response = client_for(make_moderator()).post(act(bob, "suspend"), {"days": "3", "reason": "No"})
    assert response.status_code == 400
    assert "Administrators cannot be suspended" in response.content.decode()


def test_destroy_needs_the_username_typed(bob: User) -> None:
    client = client_for(make_moderator())
    client.post(act(bob, "destroy"), {"confirm": "wrong"})
    bob.refresh_from_db()
    assert bob.is_active
    client.post(act(bob, "destroy"), {"confirm": "bob"})
    bob.refresh_from_db()
    assert not bob.is_active
    assert AuditEntry.objects.filter(action=AuditAction.DESTROY_SPAMMER).count() == 1


def test_silence_and_lift(bob: User) -> None:
    client = client_for(make_moderator())
    client.post(act(bob, "silence"), {"days": "1"})
    client.post(act(bob, "unsilence"))
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert actions == {AuditAction.SILENCE, AuditAction.UNSILENCE}


def test_audit_log_cannot_be_changed_in_the_admin(bob: User) -> None:
    superuser = make_administrator()
    entry = log_action(actor=superuser, action=AuditAction.OTHER, target=bob)
    model_admin = admin.site._registry[AuditEntry]
    request = RequestFactory().get("/admin/")
    request.user = superuser
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    client = client_for(superuser)
    change = reverse("admin:moderation_auditentry_change", args=[entry.pk])
    assert client.get(change).status_code == 200  # viewable, read-only
    client.post(change, {"reason": "tampered"})
    delete = reverse("admin:moderation_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.reason == ""


def test_a_suspended_member_sees_a_banner_on_every_page(bob: User, bob_client: Client) -> None:
    from deepcommons.moderation.services import suspend_user

    suspend_user(user=bob, by=make_moderator(), days=2, reason="Flame wars")
    home = bob_client.get("/").content.decode()
    assert "Your account is suspended until" in home
    assert reverse("moderation:suspended") in home


def test_members_in_good_standing_see_no_banner(alice_client: Client) -> None:
    assert "suspended until" not in alice_client.get("/").content.decode()
