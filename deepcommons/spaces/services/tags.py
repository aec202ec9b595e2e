"""Writes about spaces (settings, moderators) and tags."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.core.markdown import render_markdown
from deepcommons.spaces.models import TAG_MAX_LENGTH, Space, Tag, TagSynonym
from deepcommons.spaces.validators import (
    DESCRIPTION_MAX,
    RULES_MAX,
    validate_colour,
    validate_icon,
    validate_length,
)

TAG_RE = re.compile(r"^[a-z0-9\u4e00-\u9fff][a-z0-9.+#\-\u4e00-\u9fff]*$")


def normalize_tag_name(name: str) -> str:
    return re.sub(r"\s+", "-", name.strip().lower())


def parse_tag_names(raw: str | Iterable[str]) -> list[str]:
    """Split user input ("pytorch, cuda" or a list) into unique normalised names, in order."""
    items = re.split(r"[,\s，]+", raw) if isinstance(raw, str) else list(raw)
    names: list[str] = []
    for item in items:
        name = normalize_tag_name(item)
        if name and name not in names:
            names.append(name)
    return names


def validate_tag_names(names: list[str], *, minimum: int = 0, maximum: int = 5) -> None:
    if len(names) < minimum:
        raise ValidationError(_("Add at least %(n)d tag.") % {"n": minimum}, code="too_few_tags")
    if len(names) > maximum:
        raise ValidationError(_("Use at most %(n)d tags.") % {"n": maximum}, code="too_many_tags")
    for name in names:
        if len(name) > TAG_MAX_LENGTH or not TAG_RE.match(name):
            raise ValidationError(
                _(
                    "“%(name)s” is not a valid tag: use letters, digits and . + # -, "
                    "at most %(max)d characters."
                )
                % {"name": name, "max": TAG_MAX_LENGTH},
                code="invalid_tag",
            )


def resolve_tags(*, names: list[str]) -> list[Tag]:
    """Tags for `names`, following synonyms and creating missing tags; order kept."""
    synonyms = dict(TagSynonym.objects.filter(name__in=names).values_list("name", "tag__name"))
    resolved: list[str] = []
    for name in names:
        canonical = synonyms.get(name, name)
        if canonical not in resolved:
            resolved.append(canonical)
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=resolved)}
    tags: list[Tag] = []
    for name in resolved:
        tag = existing.get(name)
        if tag is None:
            tag, _created = Tag.objects.get_or_create(name=name)
        tags.append(tag)
    return tags


def change_tag_usage(*, tag_ids: Iterable[int], delta: int) -> None:
    ids = list(tag_ids)
    if ids and delta:
        Tag.objects.filter(pk__in=ids).update(usage_count=Greatest(F("usage_count") + delta, 0))


def add_tag_synonym(*, tag: Tag, name: str) -> TagSynonym:
    name = normalize_tag_name(name)
    validate_tag_names([name])
    if Tag.objects.filter(name=name).exists():
        raise ValidationError(_("A tag with that name already exists."), code="tag_exists")
    return TagSynonym.objects.create(tag=tag, name=name)


def update_tag_wiki(*, tag: Tag, description: str, wiki: str) -> None:
    tag.description = description
    tag.wiki = wiki
    tag.wiki_html = render_markdown(wiki)
    tag.save(update_fields=["description", "wiki", "wiki_html"])


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
def create_space(
    *,
    slug: str,
    name_en: str,
    name_zh: str,
    description_en: str = "",
    description_zh: str = "",
    icon: str = "",
    colour: str = "#2563eb",
    language: str = "",
    rules: str = "",
    position: int = 0,
) -> Space:
    return Space.objects.create(
        slug=slug,
        name_en=name_en,
        name_zh=name_zh,
        description_en=description_en,
        description_zh=description_zh,
        icon=icon,
        colour=colour,
        language=language,
        rules=rules,
        position=position,
    )


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
    errors: dict[str, list[str]] = {}
    for name, check in checks.items():
        try:
            check(values[name])
        except ValidationError as exc:
            errors[name] = exc.messages
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
