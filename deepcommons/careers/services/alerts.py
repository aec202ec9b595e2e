"""Saved job alerts and their delivery (`manage.py send_job_alerts`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.careers import kinds
from deepcommons.careers.filters import apply_filters, clean_filters, describe_filters
from deepcommons.careers.models import Job, JobAlert, JobAlertDelivery
from deepcommons.social.services.notifications import notify

MAX_ALERTS = 10


def save_alert(*, user: User, name: str, filters: dict[str, Any]) -> JobAlert:
    """Save a member's search as an alert (at most 10 each)."""
    cleaned, errors = clean_filters(filters)
    if errors:
        raise ValidationError(errors)
    if JobAlert.objects.filter(user=user).count() >= MAX_ALERTS:
        raise ValidationError(_("You can keep at most %(n)d job alerts.") % {"n": MAX_ALERTS})
    label = name.strip()[:80] or describe_filters(cleaned)[:80]
    return JobAlert.objects.create(user=user, name=label, filters=cleaned)


def delete_alert(*, alert: JobAlert, by: User) -> None:
    if alert.user_id != by.pk:
        raise PermissionDenied
    alert.delete()


def send_job_alerts() -> int:
    """Notify (and so email) each alert's owner of open jobs published since
    the alert was saved that match it; each job goes once per alert. Returns
    how many were sent."""
    sent = 0
    for alert in JobAlert.objects.select_related("user").filter(user__is_active=True):
        jobs = (
            apply_filters(Job.objects.listed(), alert.filters)
            .filter(published_at__gte=alert.created_at)
            .exclude(pk__in=JobAlertDelivery.objects.filter(alert=alert).values("job_id"))
            .select_related("org")
            .order_by("published_at", "pk")
        )
        for job in jobs:
            try:
                with transaction.atomic():
                    JobAlertDelivery.objects.create(alert=alert, job=job)
            except IntegrityError:  # sent by a concurrent run
                continue
            notify(
                recipient=alert.user,
                kind=kinds.JOB_ALERT,
                target=job,
                data={"alert_name": alert.name, "org_name": job.org.name_en},
                dedupe_key=f"job-alert:{alert.pk}:{job.pk}",
                aggregate=False,
            )
            sent += 1
    return sent
