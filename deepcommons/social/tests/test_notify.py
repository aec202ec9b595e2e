from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django_tasks import default_task_backend

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.social import kinds, services, tasks
from deepcommons.social.kinds import get_kind, register_kind
from deepcommons.social.models import Notification


@pytest.mark.django_db
def test_kinds_are_a_registry_prefilled_with_the_builtin_ones(monkeypatch: Any) -> None:
    # A throw-away kind in a copy of the registry: the events app owns "event_reminder".
    monkeypatch.setattr(kinds, "_kinds", dict(kinds._kinds))
    for key in (
        kinds.REPLY,
        kinds.COMMENT,
        kinds.MENTION,
        kinds.ACCEPTED_ANSWER,
        kinds.VOTE_MILESTONE,
        kinds.NEW_FOLLOWER,
        kinds.WATCHED_ACTIVITY,
        kinds.PRIVATE_MESSAGE,
    ):
        assert get_kind(key).template.startswith("social/notifications/")
    register_kind("test_only_kind", "Test only", "social/notifications/unknown.html", "off")
    assert get_kind("test_only_kind").default_email == "off"
    with pytest.raises(ValueError):
        register_kind("bad", "Bad", "x.html", default_email="hourly")
    with pytest.raises(ValueError):
        services.notify(recipient=UserFactory(), kind="no_such_kind")


def test_nobody_is_notified_of_their_own_action(alice: User) -> None:
    assert services.notify(recipient=alice, kind=kinds.COMMENT, actor=alice) is None


def test_blocked_and_muted_actors_do_not_notify(alice: User, bob: User, charlie: User) -> None:
    services.block_user(user=alice, target=bob)
    services.mute(user=alice, target=charlie)
    assert services.notify(recipient=alice, kind=kinds.COMMENT, actor=bob) is None
    assert services.notify(recipient=alice, kind=kinds.COMMENT, actor=charlie) is None
    assert not Notification.objects.filter(recipient=alice).exists()


def test_muted_targets_do_not_notify(alice: User, bob: User, charlie: User) -> None:
    services.mute(user=alice, target=charlie)
    assert services.notify(recipient=alice, kind=kinds.REPLY, actor=bob, target=charlie) is None


def test_notification_stores_target_url_and_title(alice: User, bob: User) -> None:
    n = services.notify(recipient=alice, kind=kinds.REPLY, actor=bob, target=bob)
    assert n is not None
    assert n.url == "/u/bob/"
    assert n.data["actor_name"] == "鲍勃"


def test_vote_milestones_notify_once_per_milestone(alice: User, bob: User) -> None:
    for score in range(1, 31):
        services.record_vote_milestone(post_author=alice, target=bob, score=score)
    services.record_vote_milestone(post_author=alice, target=bob, score=24)
    rows = Notification.objects.filter(recipient=alice, kind=kinds.VOTE_MILESTONE)
    assert sorted(n.data["milestone"] for n in rows) == [10, 25]


def test_repeated_events_with_a_key_aggregate(alice: User, bob: User) -> None:
    for _ in range(3):
        services.notify(recipient=alice, kind=kinds.COMMENT, actor=bob, dedupe_key="c:1")
    (row,) = Notification.objects.filter(recipient=alice)
    assert row.count == 3


def test_notify_followers_reaches_each_follower_once(alice: User, bob: User, charlie: User) -> None:
    extra = UserFactory()
    services.follow(user=bob, target=alice)
    services.follow(user=charlie, target=alice)
    services.follow(user=charlie, target=extra)
    services.follow(user=alice, target=extra)
    services.mute(user=charlie, target=extra)
    Notification.objects.all().delete()
    services.notify_followers(
        of=[alice, extra], kind=kinds.FOLLOWED_POST, actor=alice, target=alice
    )
    recipients = set(
        Notification.objects.filter(kind=kinds.FOLLOWED_POST).values_list(
            "recipient__username", flat=True
        )
    )
    # charlie muted one of the sources; alice is the actor.
    assert recipients == {"bob"}


def test_notify_many_emails_those_who_want_it_now(alice: User, bob: User, charlie: User) -> None:
    services.set_preferences(user=charlie, channels={kinds.WATCHED_ACTIVITY: "off"})
    services.notify_many(
        recipients=[bob, charlie], kind=kinds.WATCHED_ACTIVITY, actor=alice, target=alice
    )
    assert Notification.objects.filter(kind=kinds.WATCHED_ACTIVITY).count() == 2
    assert [m.to for m in mail.outbox] == [["bob@example.com"]]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_failing_task_is_logged_and_retried_with_backoff(
    alice: User, caplog: pytest.LogCaptureFixture, monkeypatch: Any
) -> None:
    def boom(**kwargs: Any) -> int:
        raise RuntimeError("smtp down")

    monkeypatch.setattr("deepcommons.social.services.notifications.deliver_fan_out", boom)
    default_task_backend.clear()  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError):
        tasks.fan_out_notifications.call(
            recipient_ids=[alice.pk], kind=kinds.COMMENT, actor_id=None, target=None, data={}
        )
    (retry,) = default_task_backend.results  # type: ignore[attr-defined]
    assert retry.kwargs["attempt"] == 1
    assert retry.task.run_after is not None
    assert "retrying in 0:00:30" in caplog.text
    assert tasks.backoff_delay(3).total_seconds() == 240
