"""Applications, their pipeline events and recruiters' notes (re-exported by `careers.models`)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.careers.models.jobs import Job
from deepcommons.core.storage import private_storage
from deepcommons.orgs.models import RECRUITING_ROLES, Organisation

#: The largest CV accepted, in bytes.
MAX_CV_BYTES = 5 * 1024 * 1024


def cv_path(instance: Application, filename: str) -> str:
    return f"careers/cvs/{secrets.token_hex(16)}.pdf"


class Stage(models.TextChoices):
    # Labels unlike other msgids ("New", "Offer" mean other things elsewhere).
    NEW = "new", _("Received")
    REVIEWING = "reviewing", _("Under review")
    INTERVIEW = "interview", _("Interviewing")
    OFFER = "offer", _("Offer made")
    REJECTED = "rejected", _("Not selected")


class ApplicationQuerySet(models.QuerySet["Application"]):
    def of_applicant(self, user: Any) -> ApplicationQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(applicant=user)

    def visible_to(self, user: Any) -> ApplicationQuerySet:
        """The applicant's own, and those to jobs of organisations `user` recruits for."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        orgs = Organisation.objects.where_user_has_role(user, RECRUITING_ROLES).values("pk")
        return self.filter(Q(applicant=user) | Q(job__org__in=orgs))


class Application(models.Model):
    """A member's application to a job, with their CV and what the profile showed then."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_applications"
    )
    cover_note = models.TextField(_("cover note"), max_length=5000, blank=True)
    cv = models.FileField(_("CV"), storage=private_storage, upload_to=cv_path, max_length=200)
    cv_name = models.CharField(max_length=200)
    cv_size = models.PositiveIntegerField(default=0)
    # Reputation, top tags, badges, articles and competition results at the time of applying.
    profile: models.JSONField[Any] = models.JSONField(default=dict)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.NEW)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["job", "applicant"], name="careers_apply_once")
        ]

    def __str__(self) -> str:
        return f"{self.applicant_id} → {self.job_id}"

    def get_absolute_url(self) -> str:
        return reverse("careers:application-detail", kwargs={"application_id": self.pk})

    @property
    def title(self) -> str:
        return self.job.title

    def is_recruiter(self, user: Any) -> bool:
        return self.job.org.is_recruiter(user)


class ApplicationEvent(models.Model):
    """A stage change, with the message the applicant is shown."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    message = models.TextField(_("message to the applicant"), max_length=5000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.stage}"


class ApplicationNote(models.Model):
    """A recruiter's private note: never shown to the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("private note"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"note on {self.application_id}"
