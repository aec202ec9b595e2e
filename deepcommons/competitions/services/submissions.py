"""Submitting predictions, scoring them in the background, and picking the final two."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.competitions import worker
from deepcommons.competitions.models import Competition, Submission, Team
from deepcommons.competitions.pagecache import competition_changed
from deepcommons.competitions.services.competitions import scoring_limits, solution_cache_path

MAX_FINAL = 2


def submission_refusal(competition: Competition, user: User, *, now: datetime) -> str:
    """Why `user` may not submit now (before the file and the daily count); empty if they may."""
    if not competition.has_started(now):
        return _("The competition has not started yet.")
    if competition.has_ended(now):
        return _("The competition has ended; it no longer takes submissions.")
    if not competition.has_accepted_rules(user):
        return _("Accept the rules to join the competition before submitting.")
    if not competition.solution:
        return _("The hosts have not opened submissions yet.")
    return ""


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def submit(
    *,
    competition: Competition,
    user: User,
    upload: UploadedFile,
    description: str = "",
    now: datetime | None = None,
) -> Submission:
    """Keep the file, count it against the team's day, and queue it for scoring.

    The file's contents are checked by the scoring worker, not here, so a
    hostile file never runs through pandas in the web process.
    """
    now = now or timezone.now()
    refusal = submission_refusal(competition, user, now=now)
    if refusal:
        raise ValidationError(refusal)
    if upload.size is None or upload.size > competition.max_submission_bytes:
        raise ValidationError(
            _("The file is larger than the limit of %(mb)s MB.")
            % {"mb": f"{competition.max_submission_bytes / 1024 / 1024:g}"}
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    team = competition.team_of(user)
    if team is None:
        raise ValidationError(_("Accept the rules to join the competition before submitting."))
    # Lock the team: two uploads at once must not both see room under the limit.
    team = Team.objects.select_for_update().get(pk=team.pk)
    used = Submission.objects.filter(team=team).counted().on_utc_day(now).count()
    if used >= competition.daily_limit:
        raise ValidationError(
            _(
                "Your team has used all %(limit)d submissions for today. "
                "The count starts again at 00:00 UTC."
            )
            % {"limit": competition.daily_limit}
        )
    submission = Submission(
        competition=competition,
        team=team,
        submitted_by=user,
        filename=Path(upload.name or "submission.csv").name[:200],
        size=upload.size,
        sha256=_sha256(upload),
        description=description.strip()[:200],
        created_at=now,
    )
    submission.file.save("submission.csv", upload, save=False)
    submission.save()
    competition_changed(competition.pk)

    from deepcommons.competitions import tasks
    from deepcommons.social.tasks import enqueue

    enqueue(tasks.score_submission_task, submission.pk)
    return submission


def score_submission(*, submission_id: int) -> Submission:
    """Score one pending submission in the isolated worker and store the result.

    Scoring again gives the same scores: the worker is a pure function of
    the two files and the competition's fixed spec.
    """
    submission = Submission.objects.select_related("competition").get(pk=submission_id)
    if submission.status != Submission.Status.PENDING:
        return submission
    competition = submission.competition
    answer = worker.run_isolated(
        {
            "mode": "score",
            "solution": competition.solution.path,
            "submission": submission.file.path,
            "cache": str(solution_cache_path(competition)),
            "spec": competition.spec().as_dict(),
        },
        **scoring_limits(),
    )
    now = timezone.now()
    with transaction.atomic():
        if answer["ok"]:
            Submission.objects.filter(pk=submission.pk, status=Submission.Status.PENDING).update(
                status=Submission.Status.SCORED,
                public_score=answer["public"],
                private_score=answer["private"],
                scored_at=now,
            )
        else:
            Submission.objects.filter(pk=submission.pk, status=Submission.Status.PENDING).update(
                status=Submission.Status.ERROR,
                error_code=str(answer.get("code", ""))[:40],
                error_message=str(answer.get("message", ""))[:500],
                scored_at=now,
            )
        competition_changed(competition.pk)
    submission.refresh_from_db()
    return submission


@transaction.atomic
def select_final(
    *, submission: Submission, by: User, selected: bool, now: datetime | None = None
) -> Submission:
    """Mark (or unmark) one of the team's at most two final submissions."""
    now = now or timezone.now()
    team = Team.objects.select_for_update().get(pk=submission.team_id)
    if not team.memberships.filter(user=by).exists():
        raise PermissionDenied(_("Only the team's members may choose its final submissions."))
    if submission.competition.has_ended(now):
        raise ValidationError(_("Final submissions cannot change after the end."))
    if selected:
        if submission.status != Submission.Status.SCORED:
            raise ValidationError(_("Only a scored submission can be a final one."))
        chosen = Submission.objects.filter(team=team, is_selected=True).exclude(pk=submission.pk)
        if chosen.count() >= MAX_FINAL:
            raise ValidationError(
                _("A team picks at most %(n)d final submissions; unpick one first.")
                % {"n": MAX_FINAL}
            )
    submission.is_selected = selected
    submission.save(update_fields=["is_selected"])
    competition_changed(submission.competition_id)
    return submission
