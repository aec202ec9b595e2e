"""Jobs, applications and their pipeline, job alerts, open-to-work profiles and
recruiter contact requests.

Reads are QuerySet methods here (`Job.objects.listed()`,
`TalentProfile.objects.visible_to_org(org)`); only `careers.services` writes.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.core.storage import private_storage
from deepcommons.orgs.models import RECRUITING_ROLES, Organisation
from deepcommons.posts.models import Kind, Post

#: A job stays listed this long after publishing or renewing.
DEFAULT_LIFETIME = timedelta(days=30)
#: The largest CV accepted, in bytes.
MAX_CV_BYTES = 5 * 1024 * 1024

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


def cv_path(instance: Application, filename: str) -> str:
    return f"careers/cvs/{secrets.token_hex(16)}.pdf"


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


class Availability(models.TextChoices):
    NOW = "now", _("Now")
    ONE_MONTH = "1m", _("Within a month")
    THREE_MONTHS = "3m", _("Within three months")
    LATER = "later", _("Later")


class TalentVisibility(models.TextChoices):
    ALL_VERIFIED = "all", _("Every verified organisation")
    CHOSEN = "chosen", _("Only the organisations I choose")


class TalentProfileQuerySet(models.QuerySet["TalentProfile"]):
    def visible_to_org(self, org: Organisation) -> TalentProfileQuerySet:
        """Open-to-work members `org`'s recruiters may see: only for a verified
        organisation, never its own members (their employer), and only where
        the member shows their profile to all verified organisations or chose it."""
        if not org.is_verified:
            return self.none()
        return (
            self.filter(open_to_work=True, user__is_active=True)
            .filter(Q(visibility=TalentVisibility.ALL_VERIFIED) | Q(allowed_orgs=org))
            .exclude(user__org_memberships__org=org)
            .distinct()
        )

    def with_skills(self, names: list[str]) -> TalentProfileQuerySet:
        """Members who listed one of the tags or answered in it, with
        `evidence_score` (their answers' total score in those tags), best first."""
        if not names:
            return self.annotate(evidence_score=models.Value(0)).order_by("-updated_at", "-pk")
        scores = (
            Post.objects.published()
            .alive()
            .filter(kind=Kind.ANSWER, author=models.OuterRef("user"), parent__tags__name__in=names)
            .order_by()
            .values("author")
            .annotate(total=models.Sum("score"))
            .values("total")
        )
        answered = (
            Post.objects.published().alive().filter(kind=Kind.ANSWER, parent__tags__name__in=names)
        )
        return (
            self.filter(Q(skills__name__in=names) | Q(user__in=answered.values("author")))
            .annotate(evidence_score=Coalesce(models.Subquery(scores), 0))
            .order_by("-evidence_score", "-updated_at", "-pk")
            .distinct()
        )

    def located(self, text: str) -> TalentProfileQuerySet:
        if not text:
            return self
        return self.filter(Q(locations__icontains=text) | Q(user__location__icontains=text))

    def available(self, value: str) -> TalentProfileQuerySet:
        return self.filter(availability=value) if value else self


class TalentProfile(models.Model):
    """A member's "open to work" settings. Only recruiters of the verified
    organisations it allows see it; nothing here is public."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent_profile"
    )
    open_to_work = models.BooleanField(_("open to work"), default=False)
    headline = models.CharField(_("headline"), max_length=150, blank=True)
    roles: models.JSONField[Any] = models.JSONField(_("roles"), default=list, blank=True)
    skills = models.ManyToManyField("spaces.Tag", related_name="+", blank=True)
    locations = models.CharField(_("locations"), max_length=200, blank=True)
    remote_ok = models.BooleanField(_("open to remote work"), default=True)
    availability = models.CharField(
        _("available"), max_length=6, choices=Availability.choices, default=Availability.NOW
    )
    salary_expectation = models.PositiveIntegerField(
        _("salary expectation (per year)"), null=True, blank=True
    )
    salary_currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True
    )
    visibility = models.CharField(
        _("who may see it"),
        max_length=10,
        choices=TalentVisibility.choices,
        default=TalentVisibility.ALL_VERIFIED,
    )
    allowed_orgs = models.ManyToManyField(Organisation, related_name="+", blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = TalentProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("open-to-work profile")
        verbose_name_plural = _("open-to-work profiles")

    def __str__(self) -> str:
        return f"talent {self.user_id}"

    def role_labels(self) -> list[str]:
        return [str(JobRole(r).label) for r in self.roles if r in JobRole.values]


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted: the conversation is open")
    DECLINED = "declined", _("Declined by the member")


class ContactRequest(models.Model):
    """A recruiter asks an open-to-work member to talk; the member accepts or declines."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recruiter_contacts"
    )
    message = models.TextField(_("message"), max_length=3000)
    status = models.CharField(
        max_length=10, choices=ContactStatus.choices, default=ContactStatus.PENDING
    )
    conversation = models.ForeignKey(
        "social.Conversation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "member"],
                condition=Q(status="pending"),
                name="careers_one_pending_contact",
            )
        ]

    def __str__(self) -> str:
        return f"contact {self.org_id} → {self.member_id}"

    def get_absolute_url(self) -> str:
        return reverse("careers:contact-list")

    @property
    def title(self) -> str:
        return self.org.name
