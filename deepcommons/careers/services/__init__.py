"""Careers' write services, one module per verb group; views, the API and
commands call them. Each bumps the page-cache versions in its transaction."""

from deepcommons.careers.services.alerts import delete_alert, save_alert, send_job_alerts
from deepcommons.careers.services.applications import add_note, apply_to_job, move_application
from deepcommons.careers.services.jobs import (
    JobData,
    create_job,
    end_job,
    expire_jobs,
    publish_job,
    renew_job,
    update_job,
)
from deepcommons.careers.services.talent import (
    TalentData,
    answer_contact,
    contact_member,
    update_talent_profile,
)

__all__ = [
    "JobData",
    "TalentData",
    "add_note",
    "answer_contact",
    "apply_to_job",
    "contact_member",
    "create_job",
    "delete_alert",
    "end_job",
    "expire_jobs",
    "move_application",
    "publish_job",
    "renew_job",
    "save_alert",
    "send_job_alerts",
    "update_job",
    "update_talent_profile",
]
