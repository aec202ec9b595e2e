"""Job search filters, shared by the list page, the API and saved alerts.

Jobs are searched in the database (`icontains` on the title, description and
location plus exact filters), not through the search app's full-text index:
search sits above careers, and a few hundred open jobs do not need it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from deepcommons.careers.models import CURRENCIES, JobQuerySet, JobRole, Seniority, Workplace

#: The keys a filter dict may hold, and what a saved alert stores.
KEYS = ("q", "skills", "remote", "location", "salary", "currency", "org", "role", "seniority")


def clean_filters(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Normalise filters from a query string or JSON; returns (filters, errors by key)."""
    filters: dict[str, Any] = {}
    errors: dict[str, str] = {}
    q = str(raw.get("q") or "").strip()[:100]
    if q:
        filters["q"] = q
    skills = raw.get("skills") or []
    if isinstance(skills, str):
        skills = skills.replace(",", " ").split()
    names = sorted({str(s).strip().lower() for s in skills if str(s).strip()})[:10]
    if names:
        filters["skills"] = names
    remote = raw.get("remote")
    if remote in (True, "1", "true", "on", "yes"):
        filters["remote"] = True
    location = str(raw.get("location") or "").strip()[:100]
    if location:
        filters["location"] = location
    salary = raw.get("salary")
    if salary not in (None, ""):
        try:
            value = int(str(salary))
        except ValueError:
            value = -1
        if value < 0:
            errors["salary"] = _("Enter a whole, positive amount.")
        else:
            filters["salary"] = value
    currency = str(raw.get("currency") or "").strip().upper()
    if currency:
        if currency in CURRENCIES:
            filters["currency"] = currency
        else:
            errors["currency"] = _(
                "Unknown currency %(code)s: use an ISO 4217 code from the list."
            ) % {"code": currency[:10]}
    for key, choices in (("role", JobRole.values), ("seniority", Seniority.values)):
        choice = str(raw.get(key) or "")
        if choice:
            if choice in choices:
                filters[key] = choice
            else:
                errors[key] = _("Choose one of the listed values.")
    org = str(raw.get("org") or "").strip()[:60]
    if org:
        filters["org"] = org
    return filters, errors


def apply_filters(jobs: JobQuerySet, filters: dict[str, Any]) -> JobQuerySet:
    """Jobs matching every filter; a salary filter keeps ranges reaching it."""
    if q := filters.get("q"):
        jobs = jobs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    for name in filters.get("skills", []):
        jobs = jobs.filter(skills__name__iexact=name)
    if filters.get("remote"):
        jobs = jobs.filter(workplace=Workplace.REMOTE)
    if location := filters.get("location"):
        jobs = jobs.filter(location__icontains=location)
    if "salary" in filters:
        jobs = jobs.filter(salary_max__gte=filters["salary"])
    if currency := filters.get("currency"):
        jobs = jobs.filter(currency=currency)
    if org := filters.get("org"):
        jobs = jobs.filter(org__slug=org)
    if role := filters.get("role"):
        jobs = jobs.filter(role=role)
    if seniority := filters.get("seniority"):
        jobs = jobs.filter(seniority=seniority)
    return jobs.distinct() if filters.get("skills") else jobs


def describe_filters(filters: dict[str, Any]) -> str:
    """A short text of an alert's filters, for lists and notifications."""
    parts = []
    if q := filters.get("q"):
        parts.append(f"“{q}”")
    parts.extend(f"[{s}]" for s in filters.get("skills", []))
    if filters.get("remote"):
        parts.append(_("remote"))
    if location := filters.get("location"):
        parts.append(location)
    if "salary" in filters:
        parts.append(f"≥ {filters['salary']} {filters.get('currency', '')}".strip())
    for key in ("org", "role", "seniority"):
        if value := filters.get(key):
            parts.append(str(value))
    return ", ".join(parts) or _("all jobs")
