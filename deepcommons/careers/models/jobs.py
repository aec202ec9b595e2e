"""Job postings and saved job alerts (re-exported by `careers.models`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.orgs.models import RECRUITING_ROLES, Organisation

#: A job stays listed this long after publishing or renewing.
DEFAULT_LIFETIME = timedelta(days=30)

#: ISO 4217 codes a salary may be given in.
CURRENCIES = (
    "AUD",
    "CAD",
    "CHF",
    "CNY",
    "EUR",
    "GBP",
    "HKD",
    "INR",
    "JPY",
    "KRW",
    "SEK",
    "SGD",
    "TWD",
    "USD",
)
CURRENCY_CHOICES = [(code, code) for code in CURRENCIES]


class JobRole(models.TextChoices):
    RESEARCH_SCIENTIST = "research_scientist", _("Research scientist")
    RESEARCH_ENGINEER = "research_engineer", _("Research engineer")
    ML_ENGINEER = "ml_engineer", _("ML engineer")
    MLOPS = "mlops", _("MLOps engineer")
    DATA_SCIENTIST = "data_scientist", _("Data scientist")
    DATA_ENGINEER = "data_engineer", _("Data engineer")
    INTERN = "intern", _("Intern")
    OTHER = "other", _("Other")


class Seniority(models.TextChoices):
    INTERN = "intern", _("Internship")
    JUNIOR = "junior", _("Junior")
    MID = "mid", _("Mid-level")
    SENIOR = "senior", _("Senior")
    STAFF = "staff", _("Staff / principal")
    LEAD = "lead", _("Lead / manager")


class Workplace(models.TextChoices):
    ONSITE = "onsite", _("On site")
    HYBRID = "hybrid", _("Hybrid (office and remote)")
    REMOTE = "remote", _("Remote")


class JobLanguage(models.TextChoices):
    EN = "en", _("English")
    ZH = "zh", _("Chinese")
    BOTH = "en+zh", _("English and Chinese")
    OTHER = "other", _("Other")


class JobState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Open for applications")
    EXPIRED = "expired", _("Expired")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


#: States a recruiter may end a job with.
ENDING_STATES = (JobState.FILLED, JobState.CLOSED)


class JobQuerySet(models.QuerySet["Job"]):
    def listed(self, now: Any = None) -> JobQuerySet:
        """Open jobs: published and not past their expiry. Lists, search and alerts use this."""
        return self.filter(state=JobState.PUBLISHED, expires_at__gt=now or timezone.now())

    def visible_to(self, user: Any) -> JobQuerySet:
        """What `user` may open: every job that was ever published, plus drafts
        of organisations they recruit for."""
        condition = ~Q(state=JobState.DRAFT)
        if getattr(user, "is_authenticated", False):
            condition |= Q(org__memberships__user=user, org__memberships__role__in=RECRUITING_ROLES)
        return self.filter(condition).distinct()

    def recruited_by(self, user: Any) -> JobQuerySet:
        """Jobs of the organisations `user` recruits for, in any state."""
        orgs = Organisation.objects.where_user_has_role(user, RECRUITING_ROLES)
        return self.filter(org__in=orgs.values("pk"))

    def for_list(self) -> JobQuerySet:
        return (
            self.select_related("org").prefetch_related("skills").order_by("-published_at", "-pk")
        )


class Job(models.Model):
    """A position at an organisation, posted by one of its recruiters."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="jobs")
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=30_000)
    description_html = models.TextField(editable=False, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=JobRole.choices)
    seniority = models.CharField(_("seniority"), max_length=10, choices=Seniority.choices)
    skills = models.ManyToManyField("spaces.Tag", related_name="+", blank=True)
    location = models.CharField(_("location"), max_length=120, blank=True)
    workplace = models.CharField(
        _("workplace"), max_length=10, choices=Workplace.choices, default=Workplace.ONSITE
    )
    time_zones = models.CharField(
        _("time zones"),
        max_length=120,
        blank=True,
        help_text=_("For remote work, the time zones you hire in, e.g. UTC+8 ± 3 hours."),
    )
    salary_min = models.PositiveIntegerField(_("salary from (per year)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary to (per year)"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True)
    visa_sponsorship = models.BooleanField(_("visa sponsorship"), default=False)
    language = models.CharField(
        _("working language"), max_length=10, choices=JobLanguage.choices, default=JobLanguage.EN
    )
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["state", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="careers_job_salary_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("careers:job-detail", kwargs={"job_id": self.pk})

    @property
    def current_state(self) -> str:
        """The state as shown: a published job past its expiry is expired."""
        if (
            self.state == JobState.PUBLISHED
            and self.expires_at
            and self.expires_at <= timezone.now()
        ):
            return JobState.EXPIRED
        return self.state

    @property
    def current_state_label(self) -> str:
        return str(JobState(self.current_state).label)

    @property
    def is_open(self) -> bool:
        return self.current_state == JobState.PUBLISHED

    @property
    def has_salary(self) -> bool:
        return self.salary_min is not None and self.salary_max is not None and bool(self.currency)


class JobAlert(models.Model):
    """A member's saved job search; new matching jobs are sent to them once each."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts"
    )
    name = models.CharField(_("name"), max_length=80)
    filters: models.JSONField[Any] = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:alert-list")


class JobAlertDelivery(models.Model):
    """One job sent for one alert: the unique pair makes each send happen once."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="deliveries")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "job"], name="careers_alert_job_once")
        ]

    def __str__(self) -> str:
        return f"{self.alert_id}: {self.job_id}"
