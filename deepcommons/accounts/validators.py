"""Validators for account fields, shared by forms, allauth and the API."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

USERNAME_RE = r"^[A-Za-z0-9_-]{3,30}\Z"
RESERVED_USERNAMES = frozenset(
    {
        "admin",
        "administrator",
        "api",
        "deleted",
        "deleted-user",
        "root",
        "staff",
        "moderator",
        "support",
        "system",
        "deepcommons",
        "static",
        "media",
        "settings",
        "accounts",
        "account",
        "login",
        "logout",
        "signup",
        "me",
        "null",
        "none",
    }
)

validate_username_format = RegexValidator(
    USERNAME_RE,
    _("Use 3–30 characters: English letters, digits, underscores (_) and hyphens (-)."),
    code="invalid_username",
)


def validate_username_not_reserved(value: str) -> None:
    if value.lower() in RESERVED_USERNAMES:
        raise ValidationError(_("This username is reserved."), code="reserved_username")


username_validators: list[Callable[[Any], None]] = [
    validate_username_format,
    validate_username_not_reserved,
]

# Characters that reorder or hide text (bidi overrides, zero-width marks):
# allowed nowhere in names, since they make one user look like another.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}


def validate_plain_text(value: str) -> None:
    """Reject control, format (bidi override, zero-width) and unassigned characters."""
    for char in value:
        if char in "\n\r\t":
            continue
        if unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            raise ValidationError(
                _("Remove the invisible or control character U+%(code)04X."),
                code="control_character",
                params={"code": ord(char)},
            )


def validate_single_line(value: str) -> None:
    if "\n" in value or "\r" in value:
        raise ValidationError(_("Use a single line."), code="multiline")
    validate_plain_text(value)


ORCID_RE = re.compile(r"^(?:https://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2 check digit, as ORCID documents it."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    check = "X" if result == 10 else str(result)
    return digits[-1] == check


def normalize_orcid(value: str) -> str:
    """Return the bare ORCID iD (0000-0002-1825-0097) or raise ValidationError."""
    value = value.strip()
    match = ORCID_RE.match(value)
    if not match or not orcid_checksum_ok(match.group(1)):
        raise ValidationError(
            _("Enter an ORCID iD like 0000-0002-1825-0097 with a valid check digit."),
            code="invalid_orcid",
        )
    return match.group(1)


GITHUB_RE = re.compile(
    r"^(?:https://github\.com/)?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})/?$"
)


def normalize_github(value: str) -> str:
    """Return a GitHub user name from a name or a profile URL."""
    match = GITHUB_RE.match(value.strip())
    if not match:
        raise ValidationError(
            _("Enter a GitHub user name or https://github.com/<name>."), code="invalid_github"
        )
    return match.group(1)


SCHOLAR_RE = re.compile(
    r"^https://scholar\.google\.[a-z.]{2,10}/citations\?(?:[^#\s]*&)?user=([A-Za-z0-9_-]{12})"
)


def normalize_scholar(value: str) -> str:
    """Return a Google Scholar profile URL reduced to its user id."""
    value = value.strip()
    match = SCHOLAR_RE.match(value)
    if not match:
        bare = re.fullmatch(r"[A-Za-z0-9_-]{12}", value)
        if not bare:
            raise ValidationError(
                _("Enter a Google Scholar profile URL (…/citations?user=XXXXXXXXXXXX)."),
                code="invalid_scholar",
            )
        return value
    return match.group(1)


def normalize_tags(value: Any, *, max_items: int = 20, max_length: int = 40) -> list[str]:
    """Split a comma-separated string (or list) into clean, unique tags."""
    items = value if isinstance(value, list) else str(value or "").replace("，", ",").split(",")
    tags: list[str] = []
    for raw in items:
        tag = " ".join(str(raw).split())
        if not tag:
            continue
        validate_plain_text(tag)
        if len(tag) > max_length:
            raise ValidationError(
                _("Keep each entry under %(n)d characters."),
                params={"n": max_length},
                code="tag_too_long",
            )
        if tag.lower() not in (t.lower() for t in tags):
            tags.append(tag)
    if len(tags) > max_items:
        raise ValidationError(
            _("At most %(n)d entries."), params={"n": max_items}, code="too_many_tags"
        )
    return tags
