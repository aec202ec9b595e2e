"""Enrolling, finishing steps, completing a path: certificate and badge."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.learning import services
from deepcommons.learning.models import Enrolment, Path, Step, StepKind
from deepcommons.learning.services import StepInput
from deepcommons.learning.tests.factories import (
    add_quiz,
    add_resource,
    add_single,
    make_path,
    right_answers,
)
from deepcommons.posts.models import Kind
from deepcommons.posts.tests.factories import make_answer, make_post, make_question
from deepcommons.reputation.models import BadgeAward

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tags() -> None:
    from deepcommons.spaces.models import Tag

    Tag.objects.get_or_create(name="pytorch")


def _steps(path: Path) -> list[Step]:
    return list(Step.objects.filter(path=path).order_by("position"))


def test_estimated_time_is_the_sum_of_the_steps() -> None:
    path = make_path()
    add_resource(path, minutes=30)
    add_resource(path, minutes=45)
    path.refresh_from_db()
    assert (path.estimated_minutes, path.step_count, path.estimated_hours) == (75, 2, 1.2)


def test_progress_counts_done_steps_and_names_the_next(alice: User) -> None:
    path = make_path()
    first, second, third = (add_resource(path, title=t) for t in ("A", "B", "C"))
    enrolment = services.enrol_in_path(path=path, user=alice)
    assert services.enrol_in_path(path=path, user=alice) == enrolment  # idempotent
    services.mark_step_done(enrolment=enrolment, step=second, user=alice)
    progress = services.path_progress(enrolment, _steps(path))
    assert (progress.done_count, progress.total, progress.percent) == (1, 3, 33)
    assert progress.next_step == first
    path.refresh_from_db()
    assert path.enrolment_count == 1


def test_a_question_step_is_done_once_the_member_answers(alice: User, bob: User) -> None:
    question = make_question(author=bob)
    path = make_path()
    step = services.add_step(
        path=path, by=path.author, data=StepInput(kind=StepKind.QUESTION, post_id=question.pk)
    )
    enrolment = services.enrol_in_path(path=path, user=alice)
    with pytest.raises(ValidationError, match="Answer the question first"):
        services.mark_step_done(enrolment=enrolment, step=step, user=alice)
    make_answer(question, author=alice)
    services.refresh_progress(enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.is_complete


def test_a_quiz_step_cannot_just_be_marked_done(alice: User) -> None:
    path = make_path()
    quiz = add_quiz(path)
    add_single(quiz)
    enrolment = services.enrol_in_path(path=path, user=alice)
    with pytest.raises(ValidationError, match="pass the quiz"):
        services.mark_step_done(enrolment=enrolment, step=quiz, user=alice)


def test_steps_must_point_at_the_right_kind_of_post(bob: User) -> None:
    question = make_question(author=bob)
    tutorial = make_post(Kind.TUTORIAL, author=bob, title="Tensors from scratch")
    path = make_path()
    with pytest.raises(ValidationError) as info:
        services.add_step(
            path=path, by=path.author, data=StepInput(kind=StepKind.POST, post_id=question.pk)
        )
    assert "post_id" in info.value.message_dict
    step = services.add_step(
        path=path, by=path.author, data=StepInput(kind=StepKind.POST, post_id=tutorial.pk)
    )
    assert step.display_title == "Tensors from scratch"


def test_completing_a_path_gives_a_public_certificate_and_a_badge(
    alice: User, client: Client, django_capture_on_commit_callbacks: object
) -> None:
    path = make_path(title="CUDA for deep learning")
    resource = add_resource(path)
    quiz = add_quiz(path)
    add_single(quiz)
    enrolment = services.enrol_in_path(path=path, user=alice)
    services.mark_step_done(enrolment=enrolment, step=resource, user=alice)
    assert client.get(enrolment.certificate_url()).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        result = services.submit_quiz(
            enrolment=enrolment, step=quiz, user=alice, answers=right_answers(quiz)
        )
    assert result.completed_path
    enrolment.refresh_from_db()
    path.refresh_from_db()
    assert enrolment.is_complete and path.completion_count == 1
    assert BadgeAward.objects.filter(user=alice, badge="path-completed").count() == 1
    page = client.get(enrolment.certificate_url())
    assert page.status_code == 200
    assert "CUDA for deep learning" in page.content.decode()
    assert alice.name in page.content.decode()
    # Done is done: a completed path cannot be left, and the count moves once.
    with pytest.raises(ValidationError):
        services.leave_path(enrolment=enrolment, user=alice)
    services.submit_quiz(enrolment=enrolment, step=quiz, user=alice, answers=right_answers(quiz))
    path.refresh_from_db()
    assert path.completion_count == 1


def test_leaving_a_path_drops_the_enrolment(alice: User) -> None:
    path = make_path()
    add_resource(path)
    enrolment = services.enrol_in_path(path=path, user=alice)
    services.leave_path(enrolment=enrolment, user=alice)
    path.refresh_from_db()
    assert not Enrolment.objects.exists() and path.enrolment_count == 0


def test_steps_move_up_and_down(alice: User) -> None:
    path = make_path()
    a, b, c = (add_resource(path, title=t) for t in "ABC")
    services.move_step(step=c, by=path.author, direction="up")
    assert [s.title for s in _steps(path)] == ["A", "C", "B"]
    services.move_step(step=a, by=path.author, direction="up")  # already first
    services.move_step(step=a, by=path.author, direction="down")
    assert [s.title for s in _steps(path)] == ["C", "A", "B"]
    services.remove_step(step=b, by=path.author)
    path.refresh_from_db()
    assert path.step_count == 2


def test_only_editors_change_a_path(alice: User) -> None:
    from django.core.exceptions import PermissionDenied

    path = make_path()
    add_resource(path)  # by its author
    with pytest.raises(PermissionDenied):
        services.add_step(path=path, by=alice, data=StepInput(kind=StepKind.QUIZ, title="Q"))
    with pytest.raises(PermissionDenied):
        services.create_path(author=alice, data=services.PathInput(title="Mine"))


def test_the_badge_is_declared_in_reputations_registry() -> None:
    from deepcommons.reputation.badges import get_badge

    badge = get_badge("path-completed")
    assert badge is not None and str(badge.name) == "Path completed"


def test_the_badge_setup_for_reputations_badge_tests(alice: User, bob: User) -> None:
    from deepcommons.learning.tests.factories import badge_setup
    from deepcommons.reputation.badges import get_badge

    badge_setup(alice, bob)
    badge = get_badge("path-completed")
    assert badge is not None
    pairs = set(badge.qualifying())
    assert (alice.pk, None) in pairs and not [p for p in pairs if p[0] == bob.pk]
