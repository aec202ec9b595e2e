"""The notification kinds careers registers with social (in `AppConfig.ready()`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from deepcommons.social.kinds import register_kind

JOB_ALERT = "job_alert"
APPLICATION_NEW = "job_application_new"
APPLICATION_UPDATE = "job_application_update"
RECRUITER_CONTACT = "recruiter_contact"
CONTACT_ANSWER = "recruiter_contact_answer"


def register_kinds() -> None:
    t = "careers/notifications/{}.html".format
    register_kind(JOB_ALERT, _("New jobs matching my job alerts"), t("job_alert"))
    register_kind(
        APPLICATION_NEW, _("New applications to my organisations' jobs"), t("application_new")
    )
    register_kind(APPLICATION_UPDATE, _("Changes to my job applications"), t("application_update"))
    register_kind(RECRUITER_CONTACT, _("Recruiters asking to contact me"), t("recruiter_contact"))
    register_kind(CONTACT_ANSWER, _("Answers to my recruiter messages"), t("contact_answer"))
