"""Teams' write-ups: a link to how they solved it, after the end."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.competitions.models import Competition, WriteUp
from deepcommons.competitions.pagecache import competition_changed


@transaction.atomic
def add_writeup(
    *, competition: Competition, by: User, title: str, url: str, now: datetime | None = None
) -> WriteUp:
    """Add or replace the team's one write-up link."""
    now = now or timezone.now()
    team = competition.team_of(by)
    if team is None:
        raise PermissionDenied(_("Only participants may share a write-up."))
    if not competition.has_ended(now):
        raise ValidationError(_("Write-ups are shared after the competition ends."))
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the write-up a title.")]
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        errors["url"] = [_("Enter a link starting with http:// or https://.")]
    if errors:
        raise ValidationError(errors)
    writeup, _created = WriteUp.objects.update_or_create(
        competition=competition,
        team=team,
        defaults={"title": title.strip()[:150], "url": url, "created_by": by, "created_at": now},
    )
    competition_changed(competition.pk)
    return writeup
