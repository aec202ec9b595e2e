"""Checks shared by the forms, the API and the services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from deepcommons.careers.models import CURRENCIES, MAX_CV_BYTES

PDF_MAGIC = b"%PDF-"


def cv_too_large_message() -> str:
    return _("The CV is larger than %(mb)d MB.") % {"mb": MAX_CV_BYTES // (1024 * 1024)}


def validate_cv(upload: UploadedFile | None) -> None:
    """A PDF (by its first bytes, not its name) of at most MAX_CV_BYTES.

    The size is checked first, so an oversized file is refused without reading it.
    """
    if upload is None:
        raise ValidationError({"cv": _("Attach your CV as a PDF.")})
    if (upload.size or 0) > MAX_CV_BYTES:
        raise ValidationError({"cv": cv_too_large_message()})
    if not upload.size:
        raise ValidationError({"cv": _("The CV is empty.")})
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError({"cv": _("The CV must be a PDF file.")})


def validate_salary(
    *, salary_min: Any, salary_max: Any, currency: str, required: bool
) -> dict[str, str]:
    """Errors by field for a salary range; `required` when publishing."""
    errors: dict[str, str] = {}
    if currency and currency not in CURRENCIES:
        errors["currency"] = _("Unknown currency %(code)s: use an ISO 4217 code from the list.") % {
            "code": currency
        }
    for field, value in (("salary_min", salary_min), ("salary_max", salary_max)):
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or value < 0
        ):
            errors[field] = _("Enter a whole, positive amount.")
    if (
        "salary_min" not in errors
        and "salary_max" not in errors
        and salary_min is not None
        and salary_max is not None
        and salary_min > salary_max
    ):
        errors["salary_max"] = _("The highest salary is below the lowest.")
    if required:
        if salary_min is None:
            errors.setdefault("salary_min", _("A salary range is required to publish a job."))
        if salary_max is None:
            errors.setdefault("salary_max", _("A salary range is required to publish a job."))
        if not currency:
            errors.setdefault("currency", _("Choose the salary's currency."))
    return errors
