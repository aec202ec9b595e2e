"""Checks for what space moderators may change (shared by the form and the service)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DESCRIPTION_MAX = 1_000
NAME_MAX = 80
SLUG_MAX = 60
RULES_MAX = 5_000
ICON_MAX = 8
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
# /spaces/new/ is the page that creates a space, so no space may be called that.
RESERVED_SPACE_SLUGS = frozenset({"new"})


def validate_colour(value: str) -> None:
    """A colour as `#rrggbb`, the form a colour picker sends."""
    if not COLOUR_RE.match(value):
        raise ValidationError(
            _("Give the colour as # and six hexadecimal digits, e.g. #2563eb."), code="colour"
        )


def validate_icon(value: str) -> None:
    """Empty, or one emoji-like symbol: at most 8 characters, no spaces or markup,
    and not plain ASCII text (an emoji with its modifiers is at most a few)."""
    if not value:
        return
    if len(value) > ICON_MAX or value.isascii() or any(c.isspace() or c in "<>&\"'" for c in value):
        raise ValidationError(_("The icon must be one emoji, e.g. 🧠."), code="icon")


def validate_length(value: str, *, limit: int, label: str) -> None:
    if len(value) > limit:
        raise ValidationError(
            _("%(label)s is %(n)d characters long; the limit is %(max)d.")
            % {"label": label, "n": len(value), "max": limit},
            code="too_long",
        )


def validate_space_slug(value: str) -> None:
    if value.lower() in RESERVED_SPACE_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved for the site's own pages.") % {"slug": value},
            code="reserved_slug",
        )
