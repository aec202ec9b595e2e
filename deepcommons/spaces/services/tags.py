"""Tags: parsing and resolving names, usage counts, and synonyms."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.spaces.models import TAG_MAX_LENGTH, Tag, TagSynonym

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


def check_synonym_name(name: str, *, tag: Tag) -> str:
    """`name` normalised, if it may become a synonym of `tag` (else ValidationError).

    A synonym may not be a tag itself (its posts would have to be retagged
    first) nor another tag's synonym. The admin's synonym form checks the same.
    """
    name = normalize_tag_name(name)
    if not name:
        raise ValidationError(_("Give the synonym's name."), code="required")
    validate_tag_names([name])
    if name == tag.name or Tag.objects.filter(name=name).exists():
        raise ValidationError(_("A tag with that name already exists."), code="tag_exists")
    existing = TagSynonym.objects.filter(name=name).select_related("tag").first()
    if existing is not None:
        raise ValidationError(
            _("“%(name)s” is already a synonym of “%(tag)s”.")
            % {"name": name, "tag": existing.tag.name},
            code="synonym_exists",
        )
    return name


def add_tag_synonym(*, tag: Tag, name: str, by: User) -> TagSynonym:
    """Make `name` lead to `tag` (site staff and moderators). Errors are keyed "name"."""
    if not tag.can_be_edited_by(by):
        raise PermissionDenied
    try:
        name = check_synonym_name(name, tag=tag)
        # Two moderators adding the same name at once: the unique index decides.
        with transaction.atomic():
            return TagSynonym.objects.create(tag=tag, name=name)
    except IntegrityError:
        raise ValidationError({"name": [_("A tag with that name already exists.")]}) from None
    except ValidationError as exc:
        raise ValidationError({"name": exc.messages}) from None


def remove_tag_synonym(*, synonym: TagSynonym, by: User) -> None:
    """The synonym's name stops leading to its tag (and may become a tag of its own)."""
    if not synonym.tag.can_be_edited_by(by):
        raise PermissionDenied
    synonym.delete()
