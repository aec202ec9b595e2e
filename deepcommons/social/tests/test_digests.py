from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from deepcommons.accounts.models import User
from deepcommons.social import kinds, services
from deepcommons.social.feed import DigestItem, register_digest_source, unregister_digest_source
from deepcommons.social.models import DigestDelivery, Notification
from deepcommons.social.services.digests import queue_digests


@pytest.fixture
def top_posts() -> Iterator[list[DigestItem]]:
    items: list[DigestItem] = []

    def source(user: Any, since: datetime, limit: int) -> Sequence[DigestItem]:
        return items[:limit]

    register_digest_source(source)
    yield items
    unregister_digest_source(source)


def test_daily_digest_collects_pending_notifications_once(alice: User, bob: User) -> None:
    services.follow(user=bob, target=alice)  # new_follower is daily by default
    services.record_vote_milestone(post_author=alice, target=bob, score=10)
    assert mail.outbox == []
    queue_digests(period="daily")
    (message,) = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "started following you" in message.body
    assert "reached 10 upvotes" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    assert not Notification.objects.filter(recipient=alice, emailed_at__isnull=True).exists()
    queue_digests(period="daily")
    assert len(mail.outbox) == 1


def test_digest_is_in_the_recipients_language(alice: User, bob: User) -> None:
    User.objects.filter(pk=alice.pk).update(preferred_language="zh-hans")
    services.follow(user=bob, target=alice)
    queue_digests(period="daily")
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "zh-hans"
    assert "开始关注你" in message.body


def test_weekly_digest_shows_top_content_when_nothing_is_personal(
    alice: User, top_posts: list[DigestItem]
) -> None:
    top_posts.append(DigestItem(title="Scaling laws, explained", url="/q/1/"))
    queue_digests(period="weekly")
    (message,) = mail.outbox
    assert "Scaling laws, explained" in message.body
    assert "http://127.0.0.1:8000/q/1/" in message.body


def test_nothing_to_say_sends_nothing(alice: User, top_posts: list[DigestItem]) -> None:
    queue_digests(period="weekly")
    assert mail.outbox == []
    assert DigestDelivery.objects.get(user=alice).skipped


def test_unconfirmed_addresses_get_no_digest(alice: User, bob: User) -> None:
    EmailAddress.objects.filter(user=alice).update(verified=False)
    services.follow(user=bob, target=alice)
    queue_digests(period="daily")
    assert mail.outbox == []


def test_opting_out_of_a_kind_keeps_it_out_of_digests(alice: User, bob: User) -> None:
    services.set_preferences(user=alice, channels={kinds.NEW_FOLLOWER: "off"})
    services.follow(user=bob, target=alice)
    queue_digests(period="daily")
    assert mail.outbox == []
