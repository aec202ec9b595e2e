"""Quizzes are graded on the server: single, multiple and numeric questions."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from deepcommons.accounts.models import User
from deepcommons.learning import services
from deepcommons.learning.models import QuizAttempt, StepCompletion
from deepcommons.learning.services.quizzes import parse_number
from deepcommons.learning.tests.factories import (
    add_multiple,
    add_numeric,
    add_quiz,
    add_resource,
    add_single,
    make_path,
)

pytestmark = pytest.mark.django_db
QuizSetup = tuple[Any, ...]


@pytest.fixture
def quiz_setup(alice: User) -> QuizSetup:
    path = make_path()
    add_resource(path)
    quiz = add_quiz(path, pass_percent=60)
    single, multiple, numeric = add_single(quiz), add_multiple(quiz), add_numeric(quiz)
    enrolment = services.enrol_in_path(path=path, user=alice)
    return enrolment, quiz, single, multiple, numeric


def _ids(question: Any, correct: bool) -> list[int]:
    return [c.pk for c in question.choices.all() if c.is_correct == correct]


def test_all_right_passes_and_marks_the_step_done(alice: User, quiz_setup: tuple) -> None:  # type: ignore[type-arg]
    enrolment, quiz, single, multiple, numeric = quiz_setup
    result = services.submit_quiz(
        enrolment=enrolment,
        step=quiz,
        user=alice,
        answers={
            str(single.pk): _ids(single, True),
            str(multiple.pk): _ids(multiple, True),
            str(numeric.pk): "42.5",
        },
    )
    assert (result.attempt.correct, result.attempt.total, result.passed) == (3, 3, True)
    assert StepCompletion.objects.filter(enrolment=enrolment, step=quiz).exists()


def test_multiple_choice_is_all_or_nothing(alice: User, quiz_setup: tuple) -> None:  # type: ignore[type-arg]
    enrolment, quiz, single, multiple, numeric = quiz_setup
    partial = _ids(multiple, True)[:1]
    too_many = [c.pk for c in multiple.choices.all()]
    for given in (partial, too_many):
        result = services.submit_quiz(
            enrolment=enrolment, step=quiz, user=alice, answers={str(multiple.pk): given}
        )
        by_id = {r.question.pk: r.right for r in result.results}
        assert by_id[multiple.pk] is False


def test_a_wrong_single_choice_is_wrong(alice: User, quiz_setup: tuple) -> None:  # type: ignore[type-arg]
    enrolment, quiz, single, _m, _n = quiz_setup
    result = services.submit_quiz(
        enrolment=enrolment,
        step=quiz,
        user=alice,
        answers={str(single.pk): _ids(single, False)[:1]},
    )
    assert {r.question.pk: r.right for r in result.results}[single.pk] is False


@pytest.mark.parametrize(
    ("given", "right"),
    [("42.5", True), ("42.0", True), ("43", True), ("43.01", False), ("41.9", False),
     ("42,7", True), (" 4.25e1 ", True), (42.4, True)],
)  # fmt: skip
def test_numeric_answers_are_right_within_the_tolerance(
    alice: User,
    quiz_setup: QuizSetup,
    given: object,
    right: bool,
) -> None:
    enrolment, quiz, _s, _m, numeric = quiz_setup
    result = services.submit_quiz(
        enrolment=enrolment, step=quiz, user=alice, answers={str(numeric.pk): given}
    )
    assert {r.question.pk: r.right for r in result.results}[numeric.pk] is right


def test_zero_tolerance_forgives_float_rounding(alice: User) -> None:
    path = make_path()
    quiz = add_quiz(path, pass_percent=100)
    numeric = add_numeric(quiz, answer=0.3, tolerance=0)
    enrolment = services.enrol_in_path(path=path, user=alice)
    result = services.submit_quiz(
        enrolment=enrolment, step=quiz, user=alice, answers={str(numeric.pk): 0.1 + 0.2}
    )
    assert result.passed


@pytest.mark.parametrize("given", ["forty-two", "nan", "inf", "1e999", "4" * 60, True])
def test_a_non_numeric_answer_is_a_clear_error_and_records_nothing(
    alice: User,
    quiz_setup: QuizSetup,
    given: object,
) -> None:
    enrolment, quiz, _s, _m, numeric = quiz_setup
    with pytest.raises(ValidationError, match="Question 3: enter a number"):
        services.submit_quiz(
            enrolment=enrolment, step=quiz, user=alice, answers={str(numeric.pk): given}
        )
    assert not QuizAttempt.objects.exists()


def test_a_choice_from_another_question_is_refused(alice: User, quiz_setup: tuple) -> None:  # type: ignore[type-arg]
    enrolment, quiz, single, multiple, _n = quiz_setup
    with pytest.raises(ValidationError, match="Question 1: choose among"):
        services.submit_quiz(
            enrolment=enrolment,
            step=quiz,
            user=alice,
            answers={str(single.pk): _ids(multiple, True)[:1]},
        )


def test_two_choices_on_a_single_choice_question_are_refused(
    alice: User,
    quiz_setup: QuizSetup,
) -> None:
    enrolment, quiz, single, _m, _n = quiz_setup
    with pytest.raises(ValidationError, match="one answer only"):
        services.submit_quiz(
            enrolment=enrolment,
            step=quiz,
            user=alice,
            answers={str(single.pk): [c.pk for c in single.choices.all()][:2]},
        )


def test_below_the_pass_mark_fails_and_leaves_the_step_open(
    alice: User,
    quiz_setup: QuizSetup,
) -> None:
    enrolment, quiz, single, _m, _n = quiz_setup
    # One of three right is 33%, under the 60% mark; unanswered ones are wrong.
    result = services.submit_quiz(
        enrolment=enrolment, step=quiz, user=alice, answers={str(single.pk): _ids(single, True)}
    )
    assert (result.attempt.correct, result.passed) == (1, False)
    assert not StepCompletion.objects.filter(step=quiz).exists()


def test_another_members_enrolment_cannot_be_used(
    bob: User,
    quiz_setup: QuizSetup,
) -> None:
    from django.core.exceptions import PermissionDenied

    enrolment, quiz, *_rest = quiz_setup
    with pytest.raises(PermissionDenied):
        services.submit_quiz(enrolment=enrolment, step=quiz, user=bob, answers={})


def test_parse_number_accepts_plain_numbers_only() -> None:
    assert parse_number("3") == 3.0
    assert parse_number("-0.5") == -0.5
    assert parse_number("1,5") == 1.5
    assert parse_number("") is None
    assert parse_number("1/2") is None
    assert parse_number(float("nan")) is None


def test_authors_must_mark_exactly_one_right_single_choice() -> None:
    path = make_path()
    quiz = add_quiz(path)
    with pytest.raises(ValidationError) as info:
        services.add_quiz_question(
            step=quiz,
            by=path.author,
            data=services.QuizQuestionInput(
                kind="single", prompt="?", choices=[("a", True), ("b", True)]
            ),
        )
    assert "exactly one" in str(info.value)
