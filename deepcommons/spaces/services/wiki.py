"""Tag wikis: every edit renders the wiki and keeps a revision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.core.markdown import render_markdown
from deepcommons.spaces.models import (
    NOTE_MAX,
    TAG_DESCRIPTION_MAX,
    TAG_WIKI_MAX,
    Tag,
    TagWikiRevision,
)
from deepcommons.spaces.validators import validate_length


def clean_tag_wiki(*, description: str, wiki: str, note: str) -> dict[str, str]:
    """The three texts tidied, or a ValidationError keyed by field.

    The excerpt is one line of plain text (lists show it), so runs of
    white space become one space.
    """
    values = {
        "description": " ".join(description.split()),
        "wiki": wiki.strip(),
        "note": " ".join(note.split()),
    }
    limits = {
        "description": (TAG_DESCRIPTION_MAX, _("The excerpt")),
        "wiki": (TAG_WIKI_MAX, _("The wiki")),
        "note": (NOTE_MAX, _("The note")),
    }
    errors: dict[str, list[str]] = {}
    for name, (limit, label) in limits.items():
        try:
            validate_length(values[name], limit=limit, label=label)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def update_tag_wiki(
    *, tag: Tag, by: User, description: str, wiki: str, note: str = ""
) -> TagWikiRevision:
    """Save a tag's excerpt and wiki, render the wiki, and keep the edit as a revision.

    Site staff and moderators only. The site's edit page and the admin both
    call this, so `wiki_html` always matches `wiki`. Errors are keyed by
    field; saving the same text again is an error, not an empty revision.
    """
    if not tag.can_be_edited_by(by):
        raise PermissionDenied
    values = clean_tag_wiki(description=description, wiki=wiki, note=note)
    # Lock the tag so two editors get consecutive revision numbers.
    stored_description, stored_wiki = (
        Tag.objects.select_for_update().values_list("description", "wiki").get(pk=tag.pk)
    )
    if values["description"] == stored_description and values["wiki"] == stored_wiki:
        raise ValidationError(
            _("Nothing changed: edit the excerpt or the wiki before saving."), code="unchanged"
        )
    last = tag.wiki_revisions.aggregate(last=Max("number"))["last"]
    if last is None and (stored_description or stored_wiki):
        # Text written before revisions were kept (or by the demo loader)
        # becomes revision 1, so the first edit can be rolled back.
        TagWikiRevision.objects.create(
            tag=tag, number=1, description=stored_description, wiki=stored_wiki, author=None
        )
        last = 1
    tag.description = values["description"]
    tag.wiki = values["wiki"]
    tag.wiki_html = render_markdown(values["wiki"])
    tag.save(update_fields=["description", "wiki", "wiki_html"])
    return TagWikiRevision.objects.create(
        tag=tag,
        number=(last or 0) + 1,
        description=values["description"],
        wiki=values["wiki"],
        author=by,
        note=values["note"],
    )


def rollback_tag_wiki(*, tag: Tag, revision: TagWikiRevision, by: User) -> TagWikiRevision:
    """Restore an earlier revision's excerpt and wiki as a new revision."""
    if revision.tag_id != tag.pk:
        raise PermissionDenied
    try:
        return update_tag_wiki(
            tag=tag,
            by=by,
            description=revision.description,
            wiki=revision.wiki,
            note=_("Rolled back to revision %(n)d") % {"n": revision.number},
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "unchanged":
            raise ValidationError(
                _("The wiki already reads as revision %(n)d.") % {"n": revision.number},
                code="unchanged",
            ) from None
        raise
