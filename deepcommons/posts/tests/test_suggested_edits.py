"""Suggested edits: proposed by members without `edit_without_review`,
approved (applied as the proposer's revision, +2 reputation) or rejected by
reviewers with 2,000 reputation or moderators of the post."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Post, SuggestedEdit
from deepcommons.posts.services import PostInput
from deepcommons.posts.tests.factories import make_question, make_site_moderator
from deepcommons.reputation.models import ReputationChange
from deepcommons.spaces.models import Tag

pytestmark = [pytest.mark.django_db, pytest.mark.real_privileges]


@pytest.fixture(autouse=True)
def _pytorch_tag(db: None) -> None:
    Tag.objects.create(name="pytorch")


@pytest.fixture
def question(alice: User) -> Post:
    return make_question(author=alice, title="Why does my loss become NaN?")


def _edit(question: Post, body: str = "My loss is NaN after three steps.") -> PostInput:
    return PostInput(title=question.title, body=body, tags="pytorch")


def _reviewer(username: str = "reviewer") -> User:
    from deepcommons.accounts.tests.factories import UserFactory

    user = UserFactory.create(username=username)
    User.objects.filter(pk=user.pk).update(reputation=2000)
    return User.objects.get(pk=user.pk)


def test_a_suggestion_is_pending_and_changes_nothing_yet(question: Post, bob: User) -> None:
    edit = services.suggest_edit(post=question, by=bob, data=_edit(question), comment="Clearer")
    assert list(SuggestedEdit.objects.pending()) == [edit]
    assert edit.tags == ["pytorch"] and edit.comment == "Clearer"
    assert Post.objects.get(pk=question.pk).body == question.body


def test_one_pending_suggestion_per_member_and_post(question: Post, bob: User) -> None:
    services.suggest_edit(post=question, by=bob, data=_edit(question))
    with pytest.raises(ValidationError, match="waiting for review"):
        services.suggest_edit(post=question, by=bob, data=_edit(question, "Another try."))
    assert SuggestedEdit.objects.count() == 1


def test_a_suggestion_that_changes_nothing_is_refused(question: Post, bob: User) -> None:
    with pytest.raises(ValidationError, match="changes nothing"):
        services.suggest_edit(post=question, by=bob, data=_edit(question, question.body))


def test_the_author_does_not_suggest_edits_to_their_own_post(question: Post, alice: User) -> None:
    with pytest.raises(PermissionDenied):
        services.suggest_edit(post=question, by=alice, data=_edit(question))


def test_approval_applies_the_edit_as_the_proposers_revision_and_gives_2(
    question: Post, bob: User
) -> None:
    edit = services.suggest_edit(post=question, by=bob, data=_edit(question), comment="Typo")
    reviewer = _reviewer()
    services.approve_suggested_edit(edit=edit, by=reviewer)
    post = Post.objects.get(pk=question.pk)
    assert post.body == "My loss is NaN after three steps."
    revision = post.revisions.first()
    assert revision is not None and revision.author == bob and revision.note == "Typo"
    edit.refresh_from_db()
    assert edit.status == "approved" and edit.reviewer == reviewer and edit.reviewed_at
    assert User.objects.get(pk=bob.pk).reputation == 1 + 2
    row = ReputationChange.objects.get(user=bob)
    assert row.amount == 2 and row.key == f"edit:{edit.pk}" and row.actor_id == reviewer.pk
    with pytest.raises(ValidationError, match="already been reviewed"):
        services.approve_suggested_edit(edit=edit, by=reviewer)
    assert SuggestedEdit.objects.pending().count() == 0


def test_rejection_keeps_the_post_and_records_the_reason(question: Post, bob: User) -> None:
    edit = services.suggest_edit(post=question, by=bob, data=_edit(question))
    services.reject_suggested_edit(edit=edit, by=make_site_moderator(), reason="Changes meaning")
    edit.refresh_from_db()
    assert edit.status == "rejected" and edit.review_note == "Changes meaning"
    assert Post.objects.get(pk=question.pk).body == question.body
    assert User.objects.get(pk=bob.pk).reputation == 1
    # Now bob may suggest again.
    services.suggest_edit(post=question, by=bob, data=_edit(question, "Second attempt."))


def test_members_below_2000_and_the_proposer_cannot_review(
    question: Post, bob: User, charlie: User
) -> None:
    edit = services.suggest_edit(post=question, by=bob, data=_edit(question))
    for user in (charlie, bob):
        with pytest.raises(PermissionDenied):
            services.approve_suggested_edit(edit=edit, by=user)
        with pytest.raises(PermissionDenied):
            services.reject_suggested_edit(edit=edit, by=user, reason="no")
    assert SuggestedEdit.objects.get(pk=edit.pk).status == "pending"
