from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from deepcommons.accounts.models import User
from deepcommons.social import kinds, services
from deepcommons.social.models import Follow, Mute, Notification
from deepcommons.social.targets import register_followable


@pytest.fixture
def groups_followable() -> None:
    # A stand-in for spaces: any model can be registered as followable.
    register_followable("group", "auth.Group")


def test_following_a_user_notifies_them_once(alice: User, bob: User) -> None:
    services.follow(user=bob, target=alice)
    services.follow(user=bob, target=alice)
    assert Follow.objects.is_following(user=bob, target=alice)
    assert Follow.objects.follower_count(target=alice) == 1
    assert Follow.objects.following_count(user=bob) == 1
    rows = Notification.objects.filter(recipient=alice, kind=kinds.NEW_FOLLOWER)
    assert [(n.actor, n.count) for n in rows] == [(bob, 1)]


def test_nobody_can_follow_themselves(alice: User) -> None:
    with pytest.raises(ValidationError):
        services.follow(user=alice, target=alice)


def test_blocked_user_cannot_follow_and_loses_the_follow(alice: User, bob: User) -> None:
    services.follow(user=bob, target=alice)
    services.block_user(user=alice, target=bob)
    assert not Follow.objects.is_following(user=bob, target=alice)
    with pytest.raises(ValidationError):
        services.follow(user=bob, target=alice)
    services.unblock_user(user=alice, target=bob)
    services.follow(user=bob, target=alice)
    assert Follow.objects.is_following(user=bob, target=alice)


def test_unfollow_reports_whether_there_was_a_follow(alice: User, bob: User) -> None:
    services.follow(user=bob, target=alice)
    assert services.unfollow(user=bob, target=alice) is True
    assert services.unfollow(user=bob, target=alice) is False
    assert Follow.objects.follower_count(target=alice) == 0


def test_generic_targets_give_followed_ids_and_watchers(
    alice: User, bob: User, charlie: User, groups_followable: None
) -> None:
    ml, cv, nlp = (Group.objects.create(name=n) for n in ("ml", "cv", "nlp"))
    services.follow(user=alice, target=ml)
    services.follow(user=alice, target=nlp)
    services.follow(user=bob, target=ml)
    services.follow(user=alice, target=charlie)
    assert Follow.objects.followed_ids(user=alice, model=Group) == {ml.pk, nlp.pk}
    assert Follow.objects.followed_ids(user=alice, model=User) == {charlie.pk}
    assert set(Follow.objects.watchers_of(target=ml)) == {alice, bob}
    assert list(Follow.objects.watchers_of(target=cv)) == []


def test_inactive_users_are_not_watchers(alice: User, bob: User, groups_followable: None) -> None:
    ml = Group.objects.create(name="ml")
    services.follow(user=bob, target=ml)
    bob.is_active = False
    bob.save()
    assert list(Follow.objects.watchers_of(target=ml)) == []


def test_mutes_are_listed_by_model(alice: User, bob: User, groups_followable: None) -> None:
    ml = Group.objects.create(name="ml")
    services.mute(user=alice, target=bob)
    services.mute(user=alice, target=ml)
    assert Mute.objects.muted_ids(user=alice, model=User) == {bob.pk}
    assert Mute.objects.muted_ids(user=alice, model=Group) == {ml.pk}
    assert services.unmute(user=alice, target=bob)
    assert Mute.objects.muted_ids(user=alice, model=User) == set()
    with pytest.raises(ValidationError):
        services.mute(user=alice, target=alice)
