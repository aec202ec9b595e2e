"""Learning's writes: one module per verb group, re-exported here."""

from deepcommons.learning.services.enrolments import (
    enrol_in_path,
    leave_path,
    mark_step_done,
    path_progress,
    refresh_progress,
)
from deepcommons.learning.services.notebooks import attach_notebook, delete_notebook
from deepcommons.learning.services.paths import (
    PathInput,
    QuizQuestionInput,
    StepInput,
    add_quiz_question,
    add_step,
    create_path,
    move_step,
    remove_quiz_question,
    remove_step,
    set_prerequisites,
    update_path,
)
from deepcommons.learning.services.quizzes import QuizResult, submit_quiz

__all__ = [
    "PathInput",
    "QuizQuestionInput",
    "QuizResult",
    "StepInput",
    "add_quiz_question",
    "add_step",
    "attach_notebook",
    "create_path",
    "delete_notebook",
    "enrol_in_path",
    "leave_path",
    "mark_step_done",
    "move_step",
    "path_progress",
    "refresh_progress",
    "remove_quiz_question",
    "remove_step",
    "set_prerequisites",
    "submit_quiz",
    "update_path",
]
