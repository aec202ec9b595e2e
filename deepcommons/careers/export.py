"""The member's careers data in their account export, and their CVs' removal.

`accounts.services.delete_account` deletes the user row and lets rows
cascade; it has no hook for files. A CV must not outlive its application,
so `remove_cv_file` runs on Application's post_delete (connected in
`AppConfig.ready()`) and deletes the file once the deletion commits. It is
storage housekeeping for careers' own model, not a reaction across apps.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from deepcommons.accounts.models import User
from deepcommons.careers.models import Application, ContactRequest, JobAlert, TalentProfile


def export_careers(user: User) -> dict[str, Any]:
    applications = Application.objects.of_applicant(user).select_related("job__org")
    profile = TalentProfile.objects.filter(user=user).first()
    return {
        "applications": [
            {
                "job": a.job.title,
                "organisation": a.job.org.name_en,
                "stage": a.stage,
                "cover_note": a.cover_note,
                "cv_name": a.cv_name,
                "applied_at": a.created_at.isoformat(),
                "messages": [
                    {"stage": e.stage, "message": e.message, "at": e.created_at.isoformat()}
                    for e in a.events.all()
                    if e.message
                ],
            }
            for a in applications.prefetch_related("events")
        ],
        "open_to_work": None
        if profile is None
        else {
            "open_to_work": profile.open_to_work,
            "headline": profile.headline,
            "roles": profile.roles,
            "locations": profile.locations,
            "remote_ok": profile.remote_ok,
            "availability": profile.availability,
            "salary_expectation": profile.salary_expectation,
            "salary_currency": profile.salary_currency,
            "visibility": profile.visibility,
            "allowed_orgs": list(profile.allowed_orgs.values_list("slug", flat=True)),
        },
        "job_alerts": [
            {"name": a.name, "filters": a.filters} for a in JobAlert.objects.filter(user=user)
        ],
        "recruiter_contacts": [
            {
                "organisation": c.org.name_en,
                "message": c.message,
                "status": c.status,
                "at": c.created_at.isoformat(),
            }
            for c in ContactRequest.objects.filter(member=user).select_related("org")
        ],
    }


def remove_cv_file(sender: Any, instance: Application, **kwargs: Any) -> None:
    name = instance.cv.name
    if name:
        storage = instance.cv.storage
        transaction.on_commit(lambda: storage.delete(name))
