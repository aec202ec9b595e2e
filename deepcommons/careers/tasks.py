"""Background work of careers (django-tasks), queued by `manage.py send_job_alerts`."""

from __future__ import annotations

from django_tasks import task

from deepcommons.careers.services import expire_jobs, send_job_alerts


@task()
def send_job_alerts_task() -> dict[str, int]:
    """Store expiries, then send each alert its new matching jobs (once each)."""
    return {"expired": expire_jobs(), "sent": send_job_alerts()}
