"""Learning paths (steps, quizzes, enrolments, certificates) and notebooks."""

from deepcommons.learning.models.notebooks import Notebook
from deepcommons.learning.models.paths import (
    Enrolment,
    Path,
    QuizAttempt,
    QuizChoice,
    QuizQuestion,
    QuizQuestionKind,
    ResourceKind,
    Step,
    StepCompletion,
    StepKind,
)

__all__ = [
    "Enrolment",
    "Notebook",
    "Path",
    "QuizAttempt",
    "QuizChoice",
    "QuizQuestion",
    "QuizQuestionKind",
    "ResourceKind",
    "Step",
    "StepCompletion",
    "StepKind",
]
