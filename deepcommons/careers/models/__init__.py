"""Jobs, applications and their pipeline, job alerts, open-to-work profiles and
recruiter contact requests.

Reads are QuerySet methods here (`Job.objects.listed()`,
`TalentProfile.objects.visible_to_org(org)`); only `careers.services` writes.

One module per part: `jobs`, `applications`, `talent`.
"""

from deepcommons.careers.models.applications import (
    MAX_CV_BYTES,
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationQuerySet,
    Stage,
    cv_path,
)
from deepcommons.careers.models.jobs import (
    CURRENCIES,
    CURRENCY_CHOICES,
    DEFAULT_LIFETIME,
    ENDING_STATES,
    Job,
    JobAlert,
    JobAlertDelivery,
    JobLanguage,
    JobQuerySet,
    JobRole,
    JobState,
    Seniority,
    Workplace,
)
from deepcommons.careers.models.talent import (
    Availability,
    ContactRequest,
    ContactStatus,
    TalentProfile,
    TalentProfileQuerySet,
    TalentVisibility,
)
from deepcommons.core.storage import private_storage

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationNote",
    "ApplicationQuerySet",
    "Availability",
    "CURRENCIES",
    "CURRENCY_CHOICES",
    "ContactRequest",
    "ContactStatus",
    "DEFAULT_LIFETIME",
    "ENDING_STATES",
    "Job",
    "JobAlert",
    "JobAlertDelivery",
    "JobLanguage",
    "JobQuerySet",
    "JobRole",
    "JobState",
    "MAX_CV_BYTES",
    "Seniority",
    "Stage",
    "TalentProfile",
    "TalentProfileQuerySet",
    "TalentVisibility",
    "Workplace",
    "cv_path",
    "private_storage",
]
