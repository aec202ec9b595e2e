"""Competitions: a host's task with hidden answers, teams that submit predictions,
scores on a public and a private part of the test set, and the final standings.

Just past 400 lines; split it into a package when the next model arrives."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user
from deepcommons.competitions import scoring
from deepcommons.competitions.querysets import CompetitionQuerySet, SubmissionQuerySet
from deepcommons.core.storage import private_storage

DEFAULT_MAX_SUBMISSION_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_DATA_BYTES = 200 * 1024 * 1024


def _token_name(prefix: str, instance: Any, filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:10]
    return f"competitions/{instance.competition_id}/{prefix}/{secrets.token_hex(16)}{suffix}"


def data_path(instance: DataFile, filename: str) -> str:
    return _token_name("data", instance, filename)


def submission_path(instance: Submission, filename: str) -> str:
    return _token_name("submissions", instance, filename)


def solution_path(instance: Competition, filename: str) -> str:
    return f"competitions/solutions/{secrets.token_hex(16)}.csv"


def utc_day_start(moment: datetime) -> datetime:
    """Midnight UTC of `moment`'s day: daily limits run per UTC day."""
    return datetime.combine(moment.astimezone(UTC).date(), time.min, tzinfo=UTC)


class Metric(models.TextChoices):
    ACCURACY = scoring.Metric.ACCURACY, _("Accuracy")
    MACRO_F1 = scoring.Metric.MACRO_F1, _("Macro-F1")
    LOG_LOSS = scoring.Metric.LOG_LOSS, _("Log loss")
    ROC_AUC = scoring.Metric.ROC_AUC, _("ROC-AUC")
    RMSE = scoring.Metric.RMSE, _("RMSE")
    MAE = scoring.Metric.MAE, _("MAE")
    MAP_AT_K = scoring.Metric.MAP_AT_K, _("MAP@k")


def _new_seed() -> str:
    return secrets.token_hex(8)


class Competition(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=120)
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True)
    overview = models.TextField(_("overview"), blank=True)
    overview_html = models.TextField(blank=True, editable=False)
    rules = models.TextField(_("rules"))
    rules_html = models.TextField(blank=True, editable=False)
    prizes = models.TextField(_("prizes"), blank=True)
    prizes_html = models.TextField(blank=True, editable=False)
    evaluation = models.TextField(_("evaluation"), blank=True)
    evaluation_html = models.TextField(blank=True, editable=False)
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    map_k = models.PositiveSmallIntegerField(_("k for MAP@k"), default=5)
    id_column = models.CharField(_("id column"), max_length=60, default="id")
    # Comma-separated: one column for labels or a value, several for class probabilities.
    prediction_columns = models.CharField(_("prediction columns"), max_length=500)
    starts_at = models.DateTimeField(_("starts"))
    merger_deadline = models.DateTimeField(_("team merger deadline"))
    ends_at = models.DateTimeField(_("ends"))
    daily_limit = models.PositiveSmallIntegerField(_("submissions per team per day"), default=5)
    max_team_size = models.PositiveSmallIntegerField(_("largest team"), default=5)
    public_percent = models.PositiveSmallIntegerField(
        _("public part of the test set (percent)"), default=30
    )
    split_seed = models.CharField(max_length=32, default=_new_seed, editable=False)
    max_submission_bytes = models.PositiveIntegerField(
        _("largest submission (bytes)"), default=DEFAULT_MAX_SUBMISSION_BYTES
    )
    solution = models.FileField(
        storage=private_storage, upload_to=solution_path, max_length=300, blank=True
    )
    solution_rows = models.PositiveIntegerField(default=0, editable=False)
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="hosted_competitions", verbose_name=_("hosts")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    discussion_tag = models.ForeignKey(
        "spaces.Tag", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finalized_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CompetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("competitions:competition-detail", kwargs={"slug": self.slug})

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.strip() for c in self.prediction_columns.split(",") if c.strip())

    @property
    def lower_is_better(self) -> bool:
        return self.metric in scoring.LOWER_IS_BETTER

    def spec(self) -> scoring.Spec:
        return scoring.Spec(
            id_column=self.id_column,
            prediction_columns=self.columns,
            metric=str(self.metric),
            k=self.map_k,
            seed=self.split_seed,
            public_percent=self.public_percent,
        )

    def has_started(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def has_ended(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    def is_running(self, now: datetime | None = None) -> bool:
        return self.has_started(now) and not self.has_ended(now)

    def mergers_open(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) < self.merger_deadline and not self.has_ended(now)

    def is_host(self, user: Any) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_staff or user.is_operator or user.is_moderator:
            return True
        return self.hosts.filter(pk=user.pk).exists()

    def has_accepted_rules(self, user: Any) -> bool:
        return bool(
            user.is_authenticated
            and RulesAcceptance.objects.filter(competition=self, user=user).exists()
        )

    def team_of(self, user: Any) -> Team | None:
        if not user.is_authenticated:
            return None
        return Team.objects.filter(competition=self, memberships__user=user).first()


class RulesAcceptance(models.Model):
    """A member accepted the rules: they may download the data and submit."""

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="acceptances"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["competition", "user"], name="competition_rules_once")
        ]
        verbose_name = _("rules acceptance")
        verbose_name_plural = _("rules acceptances")

    def __str__(self) -> str:
        return f"{self.user_id} accepted {self.competition_id}"


class DataFile(models.Model):
    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="data_files"
    )
    file = models.FileField(storage=private_storage, upload_to=data_path, max_length=300)
    filename = models.CharField(max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["filename", "id"]
        verbose_name = _("data file")
        verbose_name_plural = _("data files")

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse(
            "competitions:data-download",
            kwargs={"slug": self.competition.slug, "file_id": self.pk},
        )


class Team(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("team name"), max_length=60)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "name"], name="competition_team_name")
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class TeamMembership(models.Model):
    # `competition` is copied from the team so one member is in one team per competition.
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competition_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "user"], name="competition_one_team")
        ]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return f"{self.user_id} in {self.team_id}"


class MergeRequest(models.Model):
    """One team asks another to merge into it (an invitation to a member's solo
    team is the same thing); the other team's leader accepts."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="+")
    from_team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="sent_requests")
    to_team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="received_requests")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("merge request")
        verbose_name_plural = _("merge requests")

    def __str__(self) -> str:
        return f"{self.to_team_id} into {self.from_team_id}"


class Submission(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("scoring")
        SCORED = "scored", _("scored")
        ERROR = "error", _("error")

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="submissions"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="submissions")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    file = models.FileField(storage=private_storage, upload_to=submission_path, max_length=300)
    filename = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.CharField(max_length=500, blank=True)
    public_score = models.FloatField(null=True, blank=True)
    private_score = models.FloatField(null=True, blank=True)
    is_selected = models.BooleanField(_("final submission"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    scored_at = models.DateTimeField(null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["team", "created_at"])]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return f"submission {self.pk} by team {self.team_id}"


class Announcement(models.Model):
    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="announcements"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), max_length=20_000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title


class WriteUp(models.Model):
    """A team's link to how they solved it, shared after the end."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="writeups")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="writeups")
    title = models.CharField(_("title"), max_length=150)
    url = models.URLField(_("link"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "team"], name="competition_one_writeup")
        ]
        verbose_name = _("write-up")
        verbose_name_plural = _("write-ups")

    def __str__(self) -> str:
        return self.title


class Medal(models.TextChoices):
    GOLD = "gold", _("gold")
    SILVER = "silver", _("silver")
    BRONZE = "bronze", _("bronze")


class Standing(models.Model):
    """A team's final place on the private leaderboard, written by `finalize_competition`."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="standings")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField()
    score = models.FloatField()
    medal = models.CharField(max_length=10, choices=Medal.choices, blank=True)

    class Meta:
        ordering = ["rank", "team__name"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "team"], name="competition_one_standing")
        ]
        verbose_name = _("standing")
        verbose_name_plural = _("standings")

    def __str__(self) -> str:
        return f"{self.rank}. {self.team_id}"
