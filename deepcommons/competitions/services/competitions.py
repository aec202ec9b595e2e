"""Hosting a competition: create and edit it, its data files, solution and announcements."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.competitions import scoring, worker
from deepcommons.competitions.models import (
    Announcement,
    Competition,
    DataFile,
    Metric,
    TeamMembership,
)
from deepcommons.competitions.pagecache import competition_changed
from deepcommons.core.markdown import render_markdown
from deepcommons.spaces.models import Tag

ANNOUNCEMENT_KIND = "competition_announcement"
MAX_DATA_BYTES = 200 * 1024 * 1024


def can_host(user: Any) -> bool:
    """Operators, staff and moderators may create competitions."""
    return bool(user.is_authenticated and (user.is_operator or user.is_staff or user.is_moderator))


def _require_host(competition: Competition, by: User) -> None:
    if not competition.is_host(by):
        raise PermissionDenied(_("Only the competition's hosts may do that."))


@dataclass
class CompetitionInput:
    title: str
    slug: str
    rules: str
    metric: str
    prediction_columns: str
    starts_at: datetime
    merger_deadline: datetime
    ends_at: datetime
    subtitle: str = ""
    overview: str = ""
    prizes: str = ""
    evaluation: str = ""
    id_column: str = "id"
    map_k: int = 5
    daily_limit: int = 5
    max_team_size: int = 5
    public_percent: int = 30


def _check(data: CompetitionInput) -> None:
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors["title"] = [_("Give the competition a title.")]
    if not data.rules.strip():
        errors["rules"] = [_("Write the rules participants accept.")]
    if data.metric not in Metric.values:
        errors["metric"] = [_("Choose a metric.")]
    columns = [c.strip() for c in data.prediction_columns.split(",") if c.strip()]
    if not columns:
        errors["prediction_columns"] = [_("Name at least one prediction column.")]
    elif data.metric in scoring.SINGLE_COLUMN_METRICS and len(columns) > 1:
        errors["prediction_columns"] = [_("This metric takes exactly one prediction column.")]
    elif data.id_column.strip() in columns:
        errors["prediction_columns"] = [_("The id column cannot also be a prediction column.")]
    if not data.id_column.strip():
        errors["id_column"] = [_("Name the id column.")]
    if not data.starts_at < data.ends_at:
        errors["ends_at"] = [_("The end must come after the start.")]
    elif not data.starts_at <= data.merger_deadline <= data.ends_at:
        errors["merger_deadline"] = [
            _("The team merger deadline must fall between the start and the end.")
        ]
    if not 1 <= data.public_percent <= 99:
        errors["public_percent"] = [
            _("The public part is between 1 and 99 percent of the test set.")
        ]
    if data.daily_limit < 1:
        errors["daily_limit"] = [_("Allow at least one submission a day.")]
    if data.max_team_size < 1:
        errors["max_team_size"] = [_("A team has room for at least one member.")]
    if errors:
        raise ValidationError(errors)


def _render(competition: Competition) -> None:
    competition.overview_html = render_markdown(competition.overview)
    competition.rules_html = render_markdown(competition.rules)
    competition.prizes_html = render_markdown(competition.prizes)
    competition.evaluation_html = render_markdown(competition.evaluation)


def _discussion_tag(slug: str) -> Tag:
    name = f"comp-{slug}"[:35].strip("-")
    tag, _created = Tag.objects.get_or_create(name=name)
    return tag


def _apply(competition: Competition, data: CompetitionInput) -> None:
    for field in (
        "title",
        "subtitle",
        "overview",
        "rules",
        "prizes",
        "evaluation",
        "metric",
        "map_k",
        "starts_at",
        "merger_deadline",
        "ends_at",
        "daily_limit",
        "max_team_size",
        "public_percent",
    ):
        setattr(competition, field, getattr(data, field))
    competition.id_column = data.id_column.strip()
    competition.prediction_columns = ",".join(
        c.strip() for c in data.prediction_columns.split(",") if c.strip()
    )
    _render(competition)


@transaction.atomic
def create_competition(*, data: CompetitionInput, by: User) -> Competition:
    if not can_host(by):
        raise PermissionDenied(_("Only operators, staff and moderators may host competitions."))
    _check(data)
    slug = slugify(data.slug or data.title)[:60]
    if not slug:
        raise ValidationError(
            {"slug": [_("Give the competition a short name of letters and digits.")]}
        )
    # "new" is the create page's address.
    if slug == "new" or Competition.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": [_("That short name is taken.")]})
    competition = Competition(slug=slug, created_by=by)
    _apply(competition, data)
    competition.discussion_tag = _discussion_tag(slug)
    competition.save()
    competition.hosts.add(by)
    competition_changed(competition.pk)
    return competition


@transaction.atomic
def update_competition(
    *, competition: Competition, data: CompetitionInput, by: User
) -> Competition:
    """Edit the pages and limits. The scoring columns and split stay fixed once
    anyone has submitted, so scores already shown keep their meaning."""
    _require_host(competition, by)
    _check(data)
    locked = competition.submissions.exists()
    if locked and (
        data.metric != competition.metric
        or data.public_percent != competition.public_percent
        or data.id_column.strip() != competition.id_column
        or ",".join(c.strip() for c in data.prediction_columns.split(",") if c.strip())
        != competition.prediction_columns
    ):
        raise ValidationError(
            _("The metric, columns and public split cannot change after the first submission.")
        )
    _apply(competition, data)
    competition.save()
    competition_changed(competition.pk)
    return competition


def _check_size(upload: UploadedFile, limit: int) -> None:
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": f"{limit / 1024 / 1024:g}"}
        )


@transaction.atomic
def upload_data_file(
    *, competition: Competition, upload: UploadedFile, by: User, description: str = ""
) -> DataFile:
    _require_host(competition, by)
    _check_size(upload, MAX_DATA_BYTES)
    name = Path(upload.name or "data").name[:200]
    data_file = DataFile(
        competition=competition, filename=name, description=description[:300], size=upload.size or 0
    )
    data_file.file.save(name, upload, save=False)
    data_file.save()
    competition_changed(competition.pk)
    return data_file


@transaction.atomic
def delete_data_file(*, data_file: DataFile, by: User) -> None:
    _require_host(data_file.competition, by)
    data_file.file.delete(save=False)
    data_file.delete()
    competition_changed(data_file.competition_id)


def solution_cache_path(competition: Competition) -> Path:
    digest = hashlib.sha256((competition.solution.name or "").encode()).hexdigest()[:16]
    path = (
        Path(settings.PRIVATE_MEDIA_ROOT)
        / "competitions"
        / "cache"
        / f"{competition.pk}-{digest}.pkl"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def scoring_limits() -> dict[str, Any]:
    return {
        "memory_bytes": getattr(
            settings, "COMPETITION_SCORING_MEMORY_BYTES", worker.DEFAULT_MEMORY_BYTES
        ),
        "timeout": getattr(settings, "COMPETITION_SCORING_SECONDS", worker.DEFAULT_TIMEOUT_SECONDS),
    }


def upload_solution(*, competition: Competition, upload: UploadedFile, by: User) -> Competition:
    """Check the host's answers in the scoring worker, then keep them (private storage).

    Refused while submissions exist: their scores were computed against the
    old answers.
    """
    _require_host(competition, by)
    _check_size(upload, MAX_DATA_BYTES)
    if competition.submissions.exists():
        raise ValidationError(_("The solution cannot change after the first submission."))
    old = competition.solution.name
    competition.solution.save("solution.csv", upload, save=False)
    answer = worker.run_isolated(
        {
            "mode": "solution",
            "solution": competition.solution.path,
            "cache": str(solution_cache_path(competition)),
            "spec": competition.spec().as_dict(),
        },
        **scoring_limits(),
    )
    if not answer["ok"]:
        competition.solution.delete(save=False)
        competition.solution.name = old
        raise ValidationError(
            _("The solution file was refused: %(reason)s") % {"reason": answer["message"]}
        )
    with transaction.atomic():
        if old:
            competition.solution.storage.delete(old)
        competition.solution_rows = int(answer["rows"])
        competition.save(update_fields=["solution", "solution_rows"])
        competition_changed(competition.pk)
    return competition


@transaction.atomic
def post_announcement(*, competition: Competition, by: User, title: str, body: str) -> Announcement:
    """Post a note from the hosts and notify every participant."""
    _require_host(competition, by)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the announcement a title.")]
    if not body.strip():
        errors["body"] = [_("Write the announcement.")]
    if errors:
        raise ValidationError(errors)
    announcement = Announcement.objects.create(
        competition=competition,
        author=by,
        title=title.strip()[:150],
        body=body,
        body_html=render_markdown(body),
        created_at=timezone.now(),
    )
    from deepcommons.social.services.notifications import notify_many

    recipients = list(
        TeamMembership.objects.filter(competition=competition)
        .exclude(user=by)
        .values_list("user_id", flat=True)
    )
    notify_many(
        recipients=recipients,
        kind=ANNOUNCEMENT_KIND,
        actor=by,
        data={
            "title": announcement.title,
            "competition": competition.title,
            "url": competition.get_absolute_url(),
        },
        dedupe_key=f"competition-announcement:{announcement.pk}",
    )
    competition_changed(competition.pk)
    return announcement
