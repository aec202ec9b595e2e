"""A learning path: ordered steps a member works through, with quizzes.

A step points at a community tutorial or article, at a question to answer,
at an outside resource (a course video, a book chapter, framework docs), or
is a checkpoint quiz graded on the server. Members enrol; each finished step
is a `StepCompletion`; finishing every step completes the enrolment, whose
`certificate_id` names its public completion page.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user
from deepcommons.learning.querysets import EnrolmentQuerySet, PathQuerySet
from deepcommons.posts.models import Difficulty

TITLE_MAX = 200
SUMMARY_MAX = 5000
# Who may write paths without being a moderator or an operator.
AUTHOR_REPUTATION = 1000


def may_author_paths(user: Any, *, staff: bool | None = None) -> bool:
    """Moderators, operators and members with AUTHOR_REPUTATION or more
    (`staff`: whether the user moderates or operates, when already known)."""
    if user is None or not user.is_authenticated:
        return False
    if user.reputation >= AUTHOR_REPUTATION:
        return True
    if staff is None:
        staff = bool(user.is_moderator or user.is_operator)
    return staff


class Path(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    space = models.ForeignKey(
        "spaces.Space",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_paths",
        verbose_name=_("space"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX, blank=True)
    summary_html = models.TextField(editable=False, blank=True)
    difficulty = models.CharField(
        _("difficulty"), max_length=12, choices=Difficulty.choices, default=Difficulty.BEGINNER
    )
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisites"),
    )
    is_published = models.BooleanField(_("published"), default=True)
    # Kept by the services: the sum of the steps' minutes, and counters (F()).
    estimated_minutes = models.PositiveIntegerField(default=0, editable=False)
    step_count = models.PositiveIntegerField(default=0, editable=False)
    enrolment_count = models.PositiveIntegerField(default=0, editable=False)
    completion_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PathQuerySet.as_manager()

    class Meta:
        ordering = ["-completion_count", "-created_at", "-pk"]
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:path-detail", kwargs={"path_id": self.pk})

    def is_visible_to(self, user: Any) -> bool:
        if self.is_published:
            return True
        return self.can_be_edited_by(user)

    def can_be_edited_by(self, user: Any) -> bool:
        if user is None or not user.is_authenticated:
            return False
        if user.pk == self.author_id:
            return may_author_paths(user)
        return bool(user.is_moderator or user.is_operator)

    @property
    def estimated_hours(self) -> float:
        return round(self.estimated_minutes / 60, 1)


class StepKind(models.TextChoices):
    POST = "post", _("Tutorial or article")
    QUESTION = "question", _("Question to answer")
    RESOURCE = "resource", _("External resource")
    QUIZ = "quiz", _("Checkpoint quiz")


class ResourceKind(models.TextChoices):
    VIDEO = "video", _("Course video")
    BOOK = "book", _("Book chapter")
    DOCS = "docs", _("Framework docs")
    OTHER = "other", _("Other")


class Step(models.Model):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=StepKind.choices)
    # Own title for resources and quizzes; a post step shows the post's title
    # when left blank.
    title = models.CharField(_("title"), max_length=TITLE_MAX, blank=True)
    notes = models.TextField(_("notes"), max_length=SUMMARY_MAX, blank=True)
    notes_html = models.TextField(editable=False, blank=True)
    post = models.ForeignKey(
        "posts.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("post"),
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    resource_kind = models.CharField(
        _("resource kind"), max_length=10, choices=ResourceKind.choices, blank=True
    )
    minutes = models.PositiveIntegerField(_("estimated minutes"), default=10)
    # Quizzes: the share of questions to get right, in percent.
    pass_percent = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)

    class Meta:
        ordering = ["path", "position", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.post_id is not None and self.post is not None:
            return str(self.post)
        return str(self.get_kind_display())


class QuizQuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    NUMERIC = "numeric", _("Numeric answer")


class QuizQuestion(models.Model):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="quiz_questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuizQuestionKind.choices)
    prompt = models.TextField(_("question"), max_length=SUMMARY_MAX)
    prompt_html = models.TextField(editable=False, blank=True)
    # Numeric questions: right when |given - answer| <= tolerance.
    numeric_answer = models.FloatField(_("answer"), null=True, blank=True)
    tolerance = models.FloatField(_("tolerance"), default=0)
    # Shown only after a submission.
    explanation = models.TextField(_("explanation"), max_length=SUMMARY_MAX, blank=True)

    class Meta:
        ordering = ["step", "position", "pk"]
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

    def __str__(self) -> str:
        return self.prompt[:60]


class QuizChoice(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("choice"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("quiz choice")
        verbose_name_plural = _("quiz choices")

    def __str__(self) -> str:
        return self.text


class Enrolment(models.Model):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_enrolments"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The public, unguessable name of the completion page.
    certificate_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-enrolled_at", "-pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["path", "user"], name="learning_one_enrolment")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.path}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    def certificate_url(self) -> str:
        return reverse("learning:certificate", kwargs={"certificate_id": str(self.certificate_id)})


class StepCompletion(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="completions")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("completed step")
        verbose_name_plural = _("completed steps")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "step"], name="learning_step_done_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.step_id}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="attempts")
    # What was given, by question id: a list of choice ids or a number.
    answers = models.JSONField(default=dict)
    correct = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    passed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")

    def __str__(self) -> str:
        return f"{self.correct}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0
