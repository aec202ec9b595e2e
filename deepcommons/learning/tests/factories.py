"""Learning test helpers: paths, steps, quizzes and notebooks built through
the real services."""

from __future__ import annotations

import json
from typing import Any

from deepcommons.accounts.models import User
from deepcommons.learning import services
from deepcommons.learning.models import Path, QuizQuestion, Step, StepKind
from deepcommons.learning.services import PathInput, QuizQuestionInput, StepInput
from deepcommons.moderation.tests.factories import make_moderator


def make_author(username: str = "author") -> User:
    from deepcommons.accounts.tests.factories import UserFactory

    return make_moderator(UserFactory.create(username=username))


def make_path(
    *, author: User | None = None, title: str = "From regression to Transformers", **extra: Any
) -> Path:
    return services.create_path(
        author=author or make_author(f"author{Path.objects.count()}"),
        data=PathInput(title=title, summary="Start *here*.", **extra),
    )


def add_resource(path: Path, *, title: str = "D2L chapter 3", minutes: int = 30) -> Step:
    return services.add_step(
        path=path,
        by=path.author,
        data=StepInput(
            kind=StepKind.RESOURCE,
            title=title,
            url="https://d2l.ai/chapter_linear-regression/",
            resource_kind="book",
            minutes=minutes,
        ),
    )


def add_quiz(path: Path, *, title: str = "Checkpoint", pass_percent: int = 70) -> Step:
    return services.add_step(
        path=path,
        by=path.author,
        data=StepInput(kind=StepKind.QUIZ, title=title, minutes=10, pass_percent=pass_percent),
    )


def add_single(step: Step, prompt: str = "Which loss does OLS minimise?") -> QuizQuestion:
    return services.add_quiz_question(
        step=step,
        by=step.path.author,
        data=QuizQuestionInput(
            kind="single",
            prompt=prompt,
            choices=[("Mean squared error", True), ("Cross-entropy", False), ("Hinge", False)],
            explanation="Least squares: the squared residuals.",
        ),
    )


def add_multiple(step: Step) -> QuizQuestion:
    return services.add_quiz_question(
        step=step,
        by=step.path.author,
        data=QuizQuestionInput(
            kind="multiple",
            prompt="Which are parts of a Transformer encoder layer?",
            choices=[
                ("Self-attention", True),
                ("Feed-forward network", True),
                ("LSTM cell", False),
            ],
        ),
    )


def add_numeric(step: Step, answer: float = 42.5, tolerance: float = 0.5) -> QuizQuestion:
    return services.add_quiz_question(
        step=step,
        by=step.path.author,
        data=QuizQuestionInput(
            kind="numeric",
            prompt="What is $\\sqrt{64}$ times 5.3125?",
            numeric_answer=answer,
            tolerance=tolerance,
        ),
    )


def right_answers(step: Step) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in step.quiz_questions.prefetch_related("choices"):
        if question.kind == "numeric":
            answers[str(question.pk)] = str(question.numeric_answer)
        else:
            answers[str(question.pk)] = [c.pk for c in question.choices.all() if c.is_correct]
    return answers


def notebook_json(cells: list[dict[str, Any]] | None = None, **metadata: Any) -> bytes:
    """A valid nbformat 4.5 notebook with `cells`."""
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"language_info": {"name": "python"}, **metadata},
        "cells": cells
        if cells is not None
        else [
            {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": "# Title\n$x^2$"},
            code_cell("print('hi')", [stream("hi\n")]),
        ],
    }
    return json.dumps(notebook).encode()


_ids = iter(range(10**6))


def code_cell(source: str, outputs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "id": f"c{next(_ids)}",
        "metadata": {},
        "execution_count": 1,
        "source": source,
        "outputs": outputs or [],
    }


def stream(text: str, name: str = "stdout") -> dict[str, Any]:
    return {"output_type": "stream", "name": name, "text": text}


def display(data: dict[str, Any]) -> dict[str, Any]:
    return {"output_type": "display_data", "data": data, "metadata": {}}


def badge_setup(winner: User, loser: User) -> None:
    """For reputation's badge tests: `winner` completed a path, `loser` is one step short."""
    path = make_path(title="Badge path")
    first = add_resource(path, title="One")
    second = add_resource(path, title="Two")
    for member, steps in ((winner, [first, second]), (loser, [first])):
        enrolment = services.enrol_in_path(path=path, user=member)
        for step in steps:
            services.mark_step_done(enrolment=enrolment, step=step, user=member)
