"""Open-to-work profiles and recruiters' contact requests (re-exported by `careers.models`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.careers.models.jobs import CURRENCY_CHOICES, JobRole
from deepcommons.orgs.models import Organisation
from deepcommons.posts.models import Kind, Post


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
