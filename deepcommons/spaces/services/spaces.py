"""Spaces: creating one, its settings and moderators, and its post counters."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.spaces.models import Space
from deepcommons.spaces.validators import (
    DESCRIPTION_MAX,
    NAME_MAX,
    RULES_MAX,
    SLUG_MAX,
    validate_colour,
    validate_icon,
    validate_length,
    validate_space_slug,
)


def _collect_errors(
    values: dict[str, str], checks: dict[str, Callable[[str], None]]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, check in checks.items():
        try:
            check(values[name])
        except ValidationError as exc:
            errors[name] = exc.messages
    return errors


def _required(label: str, limit: int) -> Callable[[str], None]:
    def check(value: str) -> None:
        if not value:
            raise ValidationError(_("%(label)s is required.") % {"label": label}, code="required")
        validate_length(value, limit=limit, label=label)

    return check


def _check_slug(value: str) -> None:
    _required(_("The address"), SLUG_MAX)(value)
    validate_slug(value)
    validate_space_slug(value)
    if Space.objects.filter(slug__iexact=value).exists():
        raise ValidationError(_("A space with that address already exists."), code="slug_taken")


def _check_language(value: str) -> None:
    if value and value not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose a language from the list."), code="language")


@transaction.atomic
def create_space(
    *,
    by: User,
    slug: str,
    name_en: str,
    name_zh: str,
    description_en: str = "",
    description_zh: str = "",
    icon: str = "",
    colour: str = "#2563eb",
    language: str = "",
) -> Space:
    """A new space, listed last; whoever may add spaces in the admin may call it.

    Errors are keyed by field. The creator then appoints its moderators on
    its settings page.
    """
    if not Space.can_be_created_by(by):
        raise PermissionDenied
    values = {
        "slug": slug.strip().lower(),
        "name_en": name_en.strip(),
        "name_zh": name_zh.strip(),
        "description_en": description_en.strip(),
        "description_zh": description_zh.strip(),
        "icon": icon.strip(),
        "colour": colour.strip().lower(),
        "language": language.strip(),
    }
    description = _("The description")

    def check_description(value: str) -> None:
        validate_length(value, limit=DESCRIPTION_MAX, label=description)

    errors = _collect_errors(
        values,
        {
            "slug": _check_slug,
            "name_en": _required(_("The English name"), NAME_MAX),
            "name_zh": _required(_("The Chinese name"), NAME_MAX),
            "description_en": check_description,
            "description_zh": check_description,
            "icon": validate_icon,
            "colour": validate_colour,
            "language": _check_language,
        },
    )
    if errors:
        raise ValidationError(errors)
    last = Space.objects.aggregate(last=Max("position"))["last"]
    try:
        # Two staff creating the same address at once: the unique index decides.
        with transaction.atomic():
            return Space.objects.create(**values, position=0 if last is None else last + 1)
    except IntegrityError:
        raise ValidationError({"slug": [_("A space with that address already exists.")]}) from None


def record_space_post(*, space_id: int | None, delta: int) -> None:
    """Count a post in (delta=1) or out of (delta=-1) a space and mark activity."""
    if space_id is None:
        return
    fields: dict[str, object] = {"post_count": Greatest(F("post_count") + delta, 0)}
    if delta > 0:
        fields["last_activity_at"] = timezone.now()
    Space.objects.filter(pk=space_id).update(**fields)


def touch_space(*, space_id: int | None) -> None:
    if space_id is not None:
        Space.objects.filter(pk=space_id).update(last_activity_at=timezone.now())


@transaction.atomic
def update_space_settings(
    *,
    space: Space,
    by: User,
    description_en: str,
    description_zh: str,
    rules: str,
    icon: str,
    colour: str,
) -> Space:
    """What a space's moderators (and site staff) may change about it.

    Errors are keyed by field; the colour is stored in lower case.
    """
    if not space.can_be_managed_by(by):
        raise PermissionDenied
    values = {
        "description_en": description_en.strip(),
        "description_zh": description_zh.strip(),
        "rules": rules.strip(),
        "icon": icon.strip(),
        "colour": colour.strip().lower(),
    }
    checks: dict[str, Callable[[str], None]] = {
        "description_en": lambda v: validate_length(
            v, limit=DESCRIPTION_MAX, label=_("The description")
        ),
        "description_zh": lambda v: validate_length(
            v, limit=DESCRIPTION_MAX, label=_("The description")
        ),
        "rules": lambda v: validate_length(v, limit=RULES_MAX, label=_("The rules")),
        "icon": validate_icon,
        "colour": validate_colour,
    }
    errors = _collect_errors(values, checks)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(space, name, value)
    space.save(update_fields=list(values))
    return space


@transaction.atomic
def add_space_moderator(*, space: Space, username: str, by: User) -> User:
    """Site staff and moderators appoint a member, named by username."""
    if not Space.can_appoint_moderators(by):
        raise PermissionDenied
    username = username.strip().lstrip("@")
    user = User.objects.active().by_username(username).first() if username else None
    if user is None:
        raise ValidationError(
            {"username": [_("No member is called %(names)s.") % {"names": username}]}
        )
    if space.moderators.filter(pk=user.pk).exists():
        raise ValidationError(
            {"username": [_("%(name)s already moderates this space.") % {"name": user.username}]}
        )
    space.moderators.add(user)
    return user


@transaction.atomic
def remove_space_moderator(*, space: Space, user: User, by: User) -> None:
    """Site staff and moderators remove anyone; a space moderator may step down."""
    if by.pk != user.pk and not Space.can_appoint_moderators(by):
        raise PermissionDenied
    space.moderators.remove(user)
