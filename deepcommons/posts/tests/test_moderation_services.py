"""Close, reopen, lock, pin, feature, move, merge, hold and release: each
service's success, its refusals, and that bad input changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts import hooks, services
from deepcommons.posts.models import CloseReason, Comment, Kind, Post, Status
from deepcommons.posts.tests.factories import (
    make_answer,
    make_comment,
    make_post,
    make_question,
    make_site_moderator,
)
from deepcommons.spaces.models import Space, Tag
from deepcommons.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mod(db: None) -> User:
    return make_site_moderator()


@pytest.fixture
def events() -> Iterator[list[tuple[str, int, dict[str, Any]]]]:
    seen: list[tuple[str, int, dict[str, Any]]] = []

    def record(event: str, post: Any, **data: Any) -> None:
        seen.append((event, post.pk, data))

    hooks.subscribe_in_transaction(record)
    yield seen
    hooks._in_transaction.remove(record)


def _fresh(post: Post) -> Post:
    return Post.objects.get(pk=post.pk)


# --- close and reopen ----------------------------------------------------


def test_moderator_closes_a_question_as_off_topic_and_reopens_it(
    alice: User, mod: User, events: list
) -> None:
    question = make_question(author=alice)
    services.close_post(post=question, reason=CloseReason.OFF_TOPIC, by=mod)
    closed = _fresh(question)
    assert closed.is_closed and closed.close_reason == "off-topic"
    assert closed.closed_by == mod
    event, pk, data = events[-1]
    assert (event, pk) == ("closed", question.pk)
    assert data["by"] == mod and data["via_votes"] is False
    assert data["before"]["closed"] is False and data["after"]["close_reason"] == "off-topic"

    services.reopen_post(post=closed, by=mod)
    reopened = _fresh(question)
    assert not reopened.is_closed and reopened.close_reason == ""
    assert events[-1][0] == "reopened"


def test_a_member_cannot_close_but_close_votes_can(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    with pytest.raises(PermissionDenied):
        services.close_post(post=question, reason=CloseReason.OPINION_BASED, by=bob)
    assert not _fresh(question).is_closed
    services.close_post(post=question, reason=CloseReason.OPINION_BASED, by=bob, via_votes=True)
    assert _fresh(question).close_reason == "opinion-based"
    services.reopen_post(post=_fresh(question), by=bob, via_votes=True)
    assert not _fresh(question).is_closed


def test_closing_as_a_duplicate_links_the_original(alice: User, mod: User) -> None:
    original = make_question(author=alice, title="How do I pick a learning rate?")
    copy = make_question(author=alice, title="What learning rate should I use?")
    services.close_post(post=copy, reason=CloseReason.DUPLICATE, by=mod, duplicate_of=original)
    assert _fresh(copy).duplicate_of == original


@pytest.mark.parametrize(
    "case",
    ["itself", "cycle", "no-target", "deleted-target", "answer-target", "bad-reason", "closed"],
)
def test_bad_close_input_is_refused_and_changes_nothing(alice: User, mod: User, case: str) -> None:
    first = make_question(author=alice, title="First question about dropout")
    second = make_question(author=alice, title="Second question about dropout")
    kwargs: dict[str, Any] = {"post": first, "reason": CloseReason.DUPLICATE, "by": mod}
    if case == "itself":
        kwargs["duplicate_of"] = first
    elif case == "cycle":
        services.close_post(post=second, reason=CloseReason.DUPLICATE, by=mod, duplicate_of=first)
        kwargs["duplicate_of"] = _fresh(second)
    elif case == "deleted-target":
        services.delete_post(post=second, by=alice)
        kwargs["duplicate_of"] = _fresh(second)
    elif case == "answer-target":
        kwargs["duplicate_of"] = make_answer(second)
    elif case == "bad-reason":
        kwargs["reason"] = "boring"
    elif case == "closed":
        services.close_post(post=first, reason=CloseReason.NEEDS_DETAILS, by=mod)
        kwargs["post"] = _fresh(first)
    before = _fresh(first)
    with pytest.raises(ValidationError) as info:
        services.close_post(**kwargs)
    after = _fresh(first)
    assert (after.closed_at, after.close_reason, after.duplicate_of_id) == (
        before.closed_at,
        before.close_reason,
        before.duplicate_of_id,
    )
    if case == "cycle":
        assert "itself closed as a duplicate of this question" in " ".join(info.value.messages)
    if case == "itself":
        assert "duplicate of itself" in " ".join(info.value.messages)


def test_reopening_an_open_question_is_refused(alice: User, mod: User) -> None:
    with pytest.raises(ValidationError, match="not closed"):
        services.reopen_post(post=make_question(author=alice), by=mod)


def test_a_closed_question_takes_no_new_answers(alice: User, bob: User, mod: User) -> None:
    question = make_question(author=alice)
    services.close_post(post=question, reason=CloseReason.NEEDS_DETAILS, by=mod)
    with pytest.raises(PermissionDenied, match="closed"):
        services.create_child(parent=_fresh(question), author=bob, body="An answer anyway.")
    assert _fresh(question).answer_count == 0


# --- lock ----------------------------------------------------------------


def test_a_locked_post_takes_no_votes_comments_answers_or_edits_except_from_moderators(
    alice: User, bob: User, mod: User, events: list
) -> None:
    question = make_question(author=alice)
    services.lock_post(post=question, by=mod)
    assert events[-1][0] == "locked"
    locked = _fresh(question)
    with pytest.raises(PermissionDenied, match="locked"):
        services.vote(post=locked, user=bob, value=1)
    with pytest.raises(PermissionDenied, match="locked"):
        services.add_comment(post=locked, author=bob, body="Hello?")
    with pytest.raises(PermissionDenied, match="locked"):
        services.create_child(parent=locked, author=bob, body="An answer.")
    data = services.PostInput(title=locked.title, body="Changed by the author.", tags="pytorch")
    with pytest.raises(PermissionDenied, match="locked"):
        services.edit_post(post=locked, by=alice, data=data)
    services.add_comment(post=locked, author=mod, body="Locked while we sort this out.")
    services.edit_post(post=locked, by=mod, data=data)
    assert _fresh(question).body == "Changed by the author."
    services.unlock_post(post=_fresh(question), by=mod)
    services.vote(post=_fresh(question), user=bob, value=1)
    assert _fresh(question).score == 1


def test_lock_twice_and_unlock_unlocked_are_refused(alice: User, mod: User) -> None:
    question = make_question(author=alice)
    with pytest.raises(ValidationError):
        services.unlock_post(post=question, by=mod)
    services.lock_post(post=question, by=mod)
    with pytest.raises(ValidationError):
        services.lock_post(post=_fresh(question), by=mod)


def test_members_cannot_lock_pin_feature_or_move(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    space = SpaceFactory(slug="nlp")
    for fn in (services.lock_post, services.pin_post, services.feature_post):
        with pytest.raises(PermissionDenied):
            fn(post=question, by=bob)
    with pytest.raises(PermissionDenied):
        services.move_post(post=question, space=space, by=bob)
    fresh = _fresh(question)
    assert (fresh.locked_at, fresh.pinned_at, fresh.featured_at, fresh.space_id) == (
        None,
        None,
        None,
        None,
    )


# --- pin and feature -----------------------------------------------------


def test_pin_and_feature_then_undo(alice: User, mod: User, events: list) -> None:
    question = make_question(author=alice)
    services.pin_post(post=question, by=mod)
    services.feature_post(post=question, by=mod)
    fresh = _fresh(question)
    assert fresh.is_pinned and fresh.is_featured
    assert list(Post.objects.pinned()) == [fresh] and list(Post.objects.featured()) == [fresh]
    with pytest.raises(ValidationError):
        services.pin_post(post=fresh, by=mod)
    services.unpin_post(post=fresh, by=mod)
    services.unfeature_post(post=fresh, by=mod)
    fresh = _fresh(question)
    assert not fresh.is_pinned and not fresh.is_featured
    assert [e for e, _pk, _d in events][-4:] == ["pinned", "featured", "unpinned", "unfeatured"]


def test_answers_cannot_be_pinned(alice: User, mod: User) -> None:
    answer = make_answer(make_question(author=alice))
    with pytest.raises(ValidationError):
        services.pin_post(post=answer, by=mod)


# --- move ----------------------------------------------------------------


def test_moving_a_question_moves_the_space_counts(alice: User, mod: User, events: list) -> None:
    cv, nlp = SpaceFactory(slug="cv"), SpaceFactory(slug="nlp")
    question = make_question(author=alice, space=cv)
    services.move_post(post=question, space=nlp, by=mod)
    assert _fresh(question).space == nlp
    assert Space.objects.get(pk=cv.pk).post_count == 0
    assert Space.objects.get(pk=nlp.pk).post_count == 1
    assert events[-1][2]["before"]["space"] == cv.pk and events[-1][2]["after"]["space"] == nlp.pk
    with pytest.raises(ValidationError):
        services.move_post(post=_fresh(question), space=nlp, by=mod)


def test_a_space_moderator_moves_only_into_spaces_they_moderate(alice: User, charlie: User) -> None:
    cv, nlp = SpaceFactory(slug="cv"), SpaceFactory(slug="nlp")
    cv.moderators.add(charlie)
    question = make_question(author=alice, space=cv)
    with pytest.raises(PermissionDenied):
        services.move_post(post=question, space=nlp, by=charlie)
    nlp.moderators.add(charlie)
    services.move_post(post=question, space=nlp, by=charlie)
    assert _fresh(question).space == nlp


# --- merge ---------------------------------------------------------------


def test_merging_moves_answers_and_comments_and_fixes_the_counters(
    alice: User, bob: User, charlie: User, mod: User, events: list
) -> None:
    target = make_question(author=alice, title="How do I normalise images?")
    source = make_question(author=bob, title="Image normalisation in PyTorch?")
    make_answer(target, author=charlie)
    moved = make_answer(source, author=charlie, body="Use transforms.Normalize.")
    deleted = make_answer(source, author=alice, body="Divide by 255.")
    services.delete_post(post=deleted, by=alice)
    make_comment(source, author=charlie, body="Which version?")
    services.accept_answer(answer=moved, by=bob)
    tag = Tag.objects.get(name="pytorch")
    assert tag.usage_count == 2

    services.merge_questions(source=_fresh(source), target=target, by=mod)

    target, source = _fresh(target), _fresh(source)
    assert set(Post.objects.filter(parent=target).values_list("pk", flat=True)) >= {
        moved.pk,
        deleted.pk,
    }
    assert target.answer_count == 2  # the deleted answer is not counted
    assert target.comment_count == 1 and Comment.objects.filter(post=target).count() == 1
    assert target.accepted_answer_id == moved.pk  # the target had none
    assert source.answer_count == 0 and source.comment_count == 0
    assert source.merged_into == target and source.duplicate_of == target
    assert source.is_closed
    assert Tag.objects.get(pk=tag.pk).usage_count == 1
    assert source not in Post.objects.published()
    event, pk, data = events[-1]
    assert (event, pk) == ("merged", source.pk)
    assert data["target"] == target and set(data["answer_ids"]) == {moved.pk, deleted.pk}


@pytest.mark.parametrize("case", ["itself", "non-question", "deleted", "merged"])
def test_bad_merges_are_refused_and_change_nothing(
    alice: User, bob: User, mod: User, case: str
) -> None:
    source = make_question(author=alice, title="A question to merge")
    make_answer(source, author=bob)
    target: Post = make_question(author=bob, title="Where it should go")
    if case == "itself":
        target = source
    elif case == "non-question":
        target = make_post(Kind.DISCUSSION, author=bob, title="A discussion")
    elif case == "deleted":
        services.delete_post(post=target, by=bob)
        target = _fresh(target)
    elif case == "merged":
        other = make_question(author=bob, title="A third one")
        services.merge_questions(source=target, target=other, by=mod)
        target = _fresh(target)
    with pytest.raises(ValidationError):
        services.merge_questions(source=source, target=target, by=mod)
    source = _fresh(source)
    assert source.merged_into_id is None and source.answer_count == 1
    assert Post.objects.filter(parent=source).count() == 1


def test_a_member_cannot_merge(alice: User, bob: User) -> None:
    with pytest.raises(PermissionDenied):
        services.merge_questions(
            source=make_question(author=alice), target=make_question(author=alice), by=bob
        )


# --- hold and release ----------------------------------------------------


def test_hold_hides_a_post_from_others_and_release_publishes_it(
    alice: User, bob: User, mod: User, events: list
) -> None:
    question = make_question(author=alice, space=SpaceFactory(slug="cv"))
    answer = make_answer(question, author=bob)
    services.hold_post(post=answer, reason="Flagged as spam")
    services.hold_post(post=question, reason="Flagged as spam")
    assert events[-1][0] == "held" and events[-1][2]["by"] is None
    question, answer = _fresh(question), _fresh(answer)
    assert question.status == Status.HELD and question.hold_reason == "Flagged as spam"
    assert question.answer_count == 0
    assert Space.objects.get(slug="cv").post_count == 0
    visible_to_charlie = Post.objects.visible_to(UserFactory.create(username="dora"))
    assert question not in visible_to_charlie and answer not in visible_to_charlie
    assert question in Post.objects.visible_to(alice)  # the author
    assert question in Post.objects.visible_to(mod)
    assert question not in Post.objects.visible_to(bob).listing(kinds=["question"], sort="latest")
    assert not question.is_visible_to(bob) and question.is_visible_to(alice)
    assert question.is_visible_to(mod)

    services.hold_post(post=question, reason="again")  # already held: nothing changes
    assert _fresh(question).hold_reason == "Flagged as spam"

    services.release_post(post=question, by=mod)
    services.release_post(post=answer, by=mod)
    question = _fresh(question)
    assert question.status == Status.PUBLISHED and question.answer_count == 1
    assert Space.objects.get(slug="cv").post_count == 1
    assert [e for e, _pk, _d in events][-2:] == ["released", "created"]
    with pytest.raises(ValidationError):
        services.release_post(post=question, by=mod)


def test_a_member_cannot_release_and_rejecting_is_deleting(
    alice: User, bob: User, mod: User
) -> None:
    question = make_question(author=alice)
    services.hold_post(post=question, reason="Spam score 0.93")
    with pytest.raises(PermissionDenied):
        services.release_post(post=_fresh(question), by=bob)
    services.delete_post(post=_fresh(question), by=mod)
    assert _fresh(question).is_deleted
