"""Reputation privileges enforced by the post services, at the real
thresholds: 15 to vote up, 50 to comment on others' posts, 125 to vote
down, 500 to create tags, 2,000 to edit others' posts without review. And
silenced or suspended members write nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Post
from deepcommons.posts.services import PostInput
from deepcommons.posts.tests.factories import (
    make_answer,
    make_question,
    make_site_moderator,
)
from deepcommons.spaces.models import Tag

pytestmark = [pytest.mark.django_db, pytest.mark.real_privileges]


@pytest.fixture(autouse=True)
def _pytorch_tag(db: None) -> None:
    # The factories' tag exists, so making posts needs no `create_tags`.
    Tag.objects.create(name="pytorch")


def _with_reputation(user: User, amount: int) -> User:
    User.objects.filter(pk=user.pk).update(reputation=amount)
    return User.objects.get(pk=user.pk)


def test_a_new_member_cannot_vote_up_and_is_told_why(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    with pytest.raises(PermissionDenied) as info:
        services.vote(post=question, user=bob, value=1)
    assert str(info.value) == "You need 15 reputation to vote up (you have 1)."
    assert Post.objects.get(pk=question.pk).score == 0


def test_a_member_with_15_votes_up_but_not_down(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    bob = _with_reputation(bob, 15)
    services.vote(post=question, user=bob, value=1)
    with pytest.raises(PermissionDenied, match="125 reputation to vote down"):
        services.vote(post=question, user=bob, value=-1)
    assert Post.objects.get(pk=question.pk).score == 1


def test_a_member_with_125_votes_down(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    services.vote(post=question, user=_with_reputation(bob, 125), value=-1)
    assert Post.objects.get(pk=question.pk).score == -1


def test_taking_a_vote_back_needs_no_privilege(alice: User, bob: User, settings: object) -> None:
    question = make_question(author=alice)
    services.vote(post=question, user=_with_reputation(bob, 15), value=1)
    bob = _with_reputation(bob, 1)
    services.vote(post=question, user=bob, value=0)
    assert Post.objects.get(pk=question.pk).score == 0


def test_a_moderator_votes_with_any_reputation(alice: User) -> None:
    question = make_question(author=alice)
    services.vote(post=question, user=make_site_moderator(), value=-1)
    assert Post.objects.get(pk=question.pk).score == -1


def test_a_new_member_comments_on_their_own_post_and_answers_to_their_question(
    alice: User, bob: User
) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=bob)
    services.add_comment(post=question, author=alice, body="Edit: it is PyTorch 2.3.")
    services.add_comment(post=answer, author=alice, body="That fixed it, thanks!")
    services.add_comment(post=answer, author=bob, body="Glad it helped.")
    assert Post.objects.get(pk=answer.pk).comment_count == 2


def test_a_new_member_cannot_comment_on_others_posts(alice: User, bob: User, charlie: User) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=bob)
    with pytest.raises(PermissionDenied, match="50 reputation to comment on others' posts"):
        services.add_comment(post=answer, author=charlie, body="Me too.")
    with pytest.raises(PermissionDenied):
        services.add_comment(post=question, author=bob, body="Which version?")
    services.add_comment(post=question, author=_with_reputation(charlie, 50), body="Which GPU?")


def test_a_new_tag_needs_500_reputation_but_existing_tags_do_not(alice: User) -> None:
    make_question(author=alice, tags="pytorch")
    with pytest.raises(ValidationError) as info:
        make_question(author=alice, title="Another NaN question", tags="pytorch brand-new-tag")
    assert "500 reputation to create new tags" in info.value.message_dict["tags"][0]
    assert "brand-new-tag" in info.value.message_dict["tags"][0]
    assert not Tag.objects.filter(name="brand-new-tag").exists()
    make_question(author=_with_reputation(alice, 500), title="Third", tags="brand-new-tag")
    assert Tag.objects.filter(name="brand-new-tag").exists()


def test_a_member_edits_others_posts_only_with_2000(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    data = PostInput(title=question.title, body="A clearer body.", tags="pytorch")
    with pytest.raises(PermissionDenied):
        services.edit_post(post=question, by=bob, data=data)
    services.edit_post(post=question, by=_with_reputation(bob, 2000), data=data)
    assert Post.objects.get(pk=question.pk).body == "A clearer body."


@pytest.mark.parametrize("field", ["silenced_until", "suspended_until"])
def test_silenced_and_suspended_members_write_nothing_and_are_told_until_when(
    alice: User, bob: User, field: str
) -> None:
    question = make_question(author=alice)
    until = timezone.now() + timedelta(days=3)
    User.objects.filter(pk=bob.pk).update(
        reputation=5000, suspension_reason="Repeated spam", **{field: until}
    )
    bob = User.objects.get(pk=bob.pk)
    attempts = [
        lambda: services.vote(post=question, user=bob, value=1),
        lambda: services.add_comment(post=question, author=bob, body="Hi"),
        lambda: services.create_child(parent=question, author=bob, body="An answer."),
        lambda: make_question(author=bob, title="My own question"),
        lambda: services.edit_post(
            post=question, by=bob, data=PostInput(title="x", body="y", tags="pytorch")
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as info:
            attempt()
        assert "until" in str(info.value) and "Repeated spam" in str(info.value)
    assert Post.objects.count() == 1
    User.objects.filter(pk=bob.pk).update(**{field: timezone.now() - timedelta(minutes=1)})
    services.vote(post=question, user=User.objects.get(pk=bob.pk), value=1)
