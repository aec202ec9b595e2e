from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.social import kinds, services
from deepcommons.social.models import Channel, NotificationPreference
from deepcommons.social.services.emails import make_unsubscribe_token


@pytest.mark.parametrize(
    ("channel", "emails_now"),
    [(Channel.IMMEDIATE, 1), (Channel.DAILY, 0), (Channel.WEEKLY, 0), (Channel.OFF, 0)],
)
@pytest.mark.parametrize("kind", [kinds.REPLY, kinds.COMMENT, kinds.MENTION, kinds.NEW_FOLLOWER])
def test_preference_matrix(
    alice: User, bob: User, kind: str, channel: str, emails_now: int
) -> None:
    services.set_preferences(user=alice, channels={kind: channel})
    services.notify(recipient=alice, kind=kind, actor=bob, target=bob)
    assert len(mail.outbox) == emails_now


def test_defaults_come_from_the_registry(alice: User, bob: User) -> None:
    prefs = NotificationPreference.objects.channels_for(user=alice)
    assert prefs[kinds.REPLY] == Channel.IMMEDIATE
    assert prefs[kinds.VOTE_MILESTONE] == Channel.DAILY
    services.notify(recipient=alice, kind=kinds.VOTE_MILESTONE, target=bob, data={"milestone": 10})
    assert mail.outbox == []


def test_unconfirmed_addresses_get_no_email(alice: User, bob: User) -> None:
    EmailAddress.objects.filter(user=alice).update(verified=False)
    services.notify(recipient=alice, kind=kinds.REPLY, actor=bob, target=bob)
    assert mail.outbox == []


def test_email_is_in_the_recipients_language_with_unsubscribe_headers(
    alice: User, bob: User
) -> None:
    alice.preferred_language = "zh-hans"
    alice.save()
    services.notify(recipient=alice, kind=kinds.NEW_FOLLOWER, actor=bob, target=bob)
    services.set_preferences(user=alice, channels={kinds.REPLY: "immediate"})
    services.notify(recipient=alice, kind=kinds.REPLY, actor=bob, target=bob)
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "zh-hans"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "回答或回复了" in message.body


def test_preferences_page(client: Client, alice_client: Client, alice: User) -> None:
    assert client.get("/settings/notifications/").status_code == 302
    assert alice_client.get("/settings/notifications/").status_code == 200
    response = alice_client.post("/settings/notifications/", {kinds.REPLY: "fortnightly"})
    assert response.status_code == 400
    data = {k: "off" for k in NotificationPreference.objects.channels_for(user=alice)}
    assert alice_client.post("/settings/notifications/", data).status_code == 302
    assert NotificationPreference.objects.channel_for(user=alice, kind=kinds.REPLY) == "off"


def test_one_click_unsubscribe_needs_no_login_or_csrf(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    url = f"/notifications/unsubscribe/{make_unsubscribe_token(user=alice, kind=kinds.REPLY)}/"
    page = client.get(url)
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    assert not NotificationPreference.objects.exists()
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.channel_for(user=alice, kind=kinds.REPLY) == "off"
    assert NotificationPreference.objects.channel_for(user=alice, kind=kinds.COMMENT) == "immediate"


def test_forged_unsubscribe_tokens_are_rejected(alice: User) -> None:
    token = make_unsubscribe_token(user=alice, kind=kinds.REPLY)
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"/notifications/unsubscribe/{token[:-2]}xx/").status_code == 404
    assert client.get("/notifications/unsubscribe/garbage/").status_code == 404
    assert not NotificationPreference.objects.exists()


def test_other_views_still_need_csrf(alice: User, bob: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(f"/follow/user/{bob.pk}/").status_code == 403
