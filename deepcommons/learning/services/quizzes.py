"""Grading a checkpoint quiz on the server.

Rules (docs/learning.md, "Quiz grading"):

- single choice: right when the one chosen choice is the correct one;
- multiple choice: right when the chosen set equals the set of correct
  choices exactly (all or nothing);
- numeric: right when |given − answer| ≤ tolerance; the given text must be
  a finite number ("3.14", "-2", "1e-3", a comma as decimal mark is
  accepted), anything else refuses the whole submission with a message
  naming the question, and nothing is recorded;
- an unanswered question is wrong;
- the quiz is passed when the share right, in percent, reaches the step's
  pass mark. Passing marks the step done (and may complete the path).

Correct answers leave the server only in the result of a submission.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from deepcommons.learning.models import (
    Enrolment,
    QuizAttempt,
    QuizQuestion,
    QuizQuestionKind,
    Step,
    StepKind,
)
from deepcommons.learning.pagecache import path_changed
from deepcommons.learning.services.enrolments import _record, complete_if_finished

MAX_NUMBER_CHARS = 50


@dataclass(frozen=True)
class QuestionResult:
    question: QuizQuestion
    right: bool
    given: Any
    # Revealed after submission only.
    correct_choice_ids: frozenset[int]
    correct_number: float | None


@dataclass(frozen=True)
class QuizResult:
    attempt: QuizAttempt
    results: list[QuestionResult]
    completed_path: bool

    @property
    def passed(self) -> bool:
        return self.attempt.passed


def parse_number(text: Any) -> float | None:
    """A finite float from user input, or None."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        value = float(text)
    else:
        cleaned = str(text).strip().replace(",", ".")
        if not cleaned or len(cleaned) > MAX_NUMBER_CHARS:
            return None
        try:
            value = float(cleaned)
        except ValueError:
            return None
    return value if math.isfinite(value) else None


def _choice_ids(given: Any) -> set[int] | None:
    if given is None or given == "":
        return set()
    items = given if isinstance(given, list | tuple | set) else [given]
    ids: set[int] = set()
    for item in items:
        try:
            ids.add(int(item))
        except (TypeError, ValueError):
            return None
    return ids


def quiz_questions(step: Step) -> list[QuizQuestion]:
    return list(QuizQuestion.objects.filter(step=step).prefetch_related("choices"))


def grade(
    questions: list[QuizQuestion], answers: Mapping[str, Any]
) -> tuple[list[QuestionResult], dict[str, Any]]:
    """Each question's result and the cleaned answers to store; a
    ValidationError naming the question when an answer is malformed."""
    results: list[QuestionResult] = []
    stored: dict[str, Any] = {}
    for number, question in enumerate(questions, start=1):
        given = answers.get(str(question.pk))
        correct_ids = frozenset(c.pk for c in question.choices.all() if c.is_correct)
        if question.kind == QuizQuestionKind.NUMERIC:
            if given is None or (isinstance(given, str) and not given.strip()):
                results.append(
                    QuestionResult(question, False, None, correct_ids, question.numeric_answer)
                )
                stored[str(question.pk)] = None
                continue
            value = parse_number(given)
            if value is None:
                raise ValidationError(
                    _("Question %(n)d: enter a number, such as 0.5 or 3.") % {"n": number},
                    code="not_a_number",
                )
            answer = question.numeric_answer if question.numeric_answer is not None else math.nan
            # A hair of slack so 0.1 + 0.2 within tolerance 0 of 0.3 counts.
            slack = 1e-9 * max(1.0, abs(answer))
            right = abs(value - answer) <= question.tolerance + slack
            results.append(QuestionResult(question, right, value, correct_ids, answer))
            stored[str(question.pk)] = value
            continue
        chosen = _choice_ids(given)
        valid = {c.pk for c in question.choices.all()}
        if chosen is None or not chosen <= valid:
            raise ValidationError(
                _("Question %(n)d: choose among the choices given.") % {"n": number},
                code="bad_choice",
            )
        if question.kind == QuizQuestionKind.SINGLE and len(chosen) > 1:
            raise ValidationError(
                _("Question %(n)d: choose one answer only.") % {"n": number}, code="one_choice"
            )
        right = bool(chosen) and chosen == correct_ids
        results.append(QuestionResult(question, right, sorted(chosen), correct_ids, None))
        stored[str(question.pk)] = sorted(chosen)
    return results, stored


@transaction.atomic
def submit_quiz(
    *, enrolment: Enrolment, step: Step, user: Any, answers: Mapping[str, Any]
) -> QuizResult:
    """Grade `answers` (question id → choice ids, or the number as text) and
    record the attempt; passing marks the step done."""
    if enrolment.user_id != user.pk:
        raise PermissionDenied
    if step.kind != StepKind.QUIZ or step.path_id != enrolment.path_id:
        raise ValidationError(_("This step is not a quiz of the path."))
    questions = quiz_questions(step)
    if not questions:
        raise ValidationError(_("This quiz has no questions yet."))
    results, stored = grade(questions, answers)
    correct = sum(1 for r in results if r.right)
    passed = 100 * correct >= step.pass_percent * len(results)
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment,
        step=step,
        answers=stored,
        correct=correct,
        total=len(results),
        passed=passed,
    )
    completed = False
    if passed:
        if _record(enrolment, step):
            path_changed(step.path_id)
        completed = complete_if_finished(enrolment)
    return QuizResult(attempt=attempt, results=results, completed_path=completed)
