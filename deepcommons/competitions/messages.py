"""Translated names for the kinds of submission error (`scoring.SubmissionError.code`)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ERROR_KINDS: dict[str, Promise] = {
    "encoding": _("Not UTF-8"),
    "header_too_long": _("Header line too long"),
    "empty": _("Empty file"),
    "columns": _("Wrong columns"),
    "malformed": _("Malformed CSV"),
    "extra_rows": _("Too many rows"),
    "empty_id": _("Empty id"),
    "duplicate_ids": _("Duplicate ids"),
    "missing_ids": _("Missing ids"),
    "unknown_ids": _("Unknown ids"),
    "nan": _("Missing value"),
    "non_numeric": _("Not a number"),
    "unscorable": _("Cannot be scored"),
    "timeout": _("Scoring took too long"),
    "memory": _("Scoring ran out of memory"),
    "crashed": _("Scoring failed"),
}


def error_kind(code: str) -> str:
    return str(ERROR_KINDS.get(code, _("Error")))
