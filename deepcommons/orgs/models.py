"""Organisations and who belongs to them, in which role.

Other apps read membership through the QuerySet methods and model methods
here (`Organisation.objects.verified()`, `org.role_of(user)`,
`org.is_recruiter(user)`); only `orgs.services` writes it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    COMPANY = "company", _("Company")
    LAB = "lab", _("Research lab")
    UNIVERSITY = "university", _("University")
    OPEN_SOURCE = "open_source", _("Open-source project")


class OrgSize(models.TextChoices):
    TINY = "1-10", _("1–10 people")
    SMALL = "11-50", _("11–50 people")
    MEDIUM = "51-200", _("51–200 people")
    LARGE = "201-1000", _("201–1,000 people")
    HUGE = "1000+", _("More than 1,000 people")


class OrgRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    MEMBER = "member", _("Member")
    RECRUITER = "recruiter", _("Recruiter")


#: Roles that may manage the organisation's page and members.
MANAGING_ROLES = (OrgRole.OWNER, OrgRole.ADMIN)
#: Roles that may post jobs and see applications and talent.
RECRUITING_ROLES = (OrgRole.OWNER, OrgRole.ADMIN, OrgRole.RECRUITER)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def verified(self) -> OrganisationQuerySet:
        return self.filter(verified_at__isnull=False)

    def where_user_has_role(self, user: Any, roles: tuple[str, ...]) -> OrganisationQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user, memberships__role__in=roles).distinct()

    def filtered(
        self, *, kind: str = "", verified: bool | None = None, q: str = ""
    ) -> OrganisationQuerySet:
        """The directory's filters: a kind, verified or not, and a name search
        over both names and the slug (case-insensitive substring)."""
        queryset: OrganisationQuerySet = self.all()
        if kind:
            queryset = queryset.filter(kind=kind)
        if verified is True:
            queryset = queryset.verified()
        elif verified is False:
            queryset = queryset.filter(verified_at__isnull=True)
        if q:
            queryset = queryset.filter(
                models.Q(name_en__icontains=q)
                | models.Q(name_zh__icontains=q)
                | models.Q(slug__icontains=q.lower())
            )
        return queryset


class Organisation(models.Model):
    """A company, lab, university or open-source project, named in both languages."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    logo = models.ImageField(_("logo"), upload_to="orgs/logos/", blank=True)
    description = models.TextField(_("description"), blank=True, max_length=20_000)
    description_html = models.TextField(editable=False, blank=True)
    website = models.URLField(_("website"), blank=True)
    links: models.JSONField[Any] = models.JSONField(_("other links"), default=list, blank=True)
    locations = models.CharField(_("locations"), max_length=300, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=OrgSize.choices, blank=True)
    email_domain = models.CharField(
        _("email domain"),
        max_length=120,
        blank=True,
        help_text=_("The domain of the organisation's work email, e.g. example.com."),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follower_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:org-detail", kwargs={"org_slug": self.slug})

    @property
    def name(self) -> str:
        """The name in the active language, falling back to English."""
        if (translation.get_language() or "").startswith("zh") and self.name_zh:
            return self.name_zh
        return self.name_en

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def role_of(self, user: Any) -> str | None:
        """The user's role here, or None (one query, cached on the object per user)."""
        if not getattr(user, "is_authenticated", False):
            return None
        cache = self.__dict__.setdefault("_roles", {})
        if user.pk not in cache:
            cache[user.pk] = (
                self.memberships.filter(user=user).values_list("role", flat=True).first()
            )
        return cache[user.pk]  # type: ignore[no-any-return]

    def can_manage(self, user: Any) -> bool:
        return self.role_of(user) in MANAGING_ROLES or bool(getattr(user, "is_operator", False))

    def is_recruiter(self, user: Any) -> bool:
        """May post jobs and read applications: owners, admins and recruiters."""
        return self.role_of(user) in RECRUITING_ROLES

    def is_owned_by(self, user: Any) -> bool:
        return self.role_of(user) == OrgRole.OWNER

    def may_grant_owner(self, user: Any) -> bool:
        """Only owners (and operators) make, unmake or remove owners."""
        return self.is_owned_by(user) or bool(getattr(user, "is_operator", False))

    def display_links(self) -> list[dict[str, str]]:
        """The website first, then the other links, each {"label", "url"}."""
        links = [{"label": self.website, "url": self.website}] if self.website else []
        for link in self.links or []:
            if isinstance(link, dict) and str(link.get("url", "")).startswith(
                ("https://", "http://")
            ):
                links.append(
                    {"label": str(link.get("label") or link["url"]), "url": str(link["url"])}
                )
        return links


class OrgMembership(models.Model):
    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=OrgRole.choices)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [
            models.UniqueConstraint(fields=["org", "user"], name="orgs_one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} of {self.org_id}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class OrgInvitationQuerySet(models.QuerySet["OrgInvitation"]):
    def pending(self) -> OrgInvitationQuerySet:
        return self.filter(status=InvitationStatus.PENDING)


class OrgInvitation(models.Model):
    """A manager's invitation of a member into a role; the invitee accepts or declines."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_invitations"
    )
    role = models.CharField(_("role"), max_length=12, choices=OrgRole.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = OrgInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation invitation")
        verbose_name_plural = _("organisation invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "user"],
                condition=models.Q(status="pending"),
                name="orgs_one_pending_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.org_id} as {self.role}"


class VerificationStatus(models.TextChoices):
    EMAIL_SENT = "email_sent", _("Waiting for the email confirmation")
    CONFIRMED = "confirmed", _("Email confirmed, waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class VerificationRequestQuerySet(models.QuerySet["VerificationRequest"]):
    def awaiting_review(self) -> VerificationRequestQuerySet:
        return self.filter(status=VerificationStatus.CONFIRMED)


class VerificationRequest(models.Model):
    """An admin's request for the verified badge, proven by a work email on the
    organisation's domain and then reviewed by an operator."""

    org = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="verification_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("work email"))
    status = models.CharField(
        max_length=12, choices=VerificationStatus.choices, default=VerificationStatus.EMAIL_SENT
    )
    note = models.CharField(_("note to the operators"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = VerificationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.org_id} {self.email} {self.status}"


class OrgPostKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcement")
    TECHNOLOGY = "technology", _("Technology")
    PRODUCT = "product", _("Product")
    RELEASE = "release", _("Release notes")


class OrgPostQuerySet(models.QuerySet["OrgPost"]):
    def live(self) -> OrgPostQuerySet:
        return self.filter(deleted_at__isnull=True)

    def sponsored_since(self, org: Organisation, since: Any) -> OrgPostQuerySet:
        return self.filter(org=org, sponsored=True, created_at__gte=since)


class OrgPost(models.Model):
    """A post from an organisation: an announcement, a technology or product
    introduction, or release notes; sponsored ones are promotion, marked as such."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=14, choices=OrgPostKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), max_length=40_000)
    body_html = models.TextField(editable=False, blank=True)
    sponsored = models.BooleanField(
        _("sponsored"),
        default=False,
        help_text=_("Promotion: shown with a “Sponsored” label, and limited by the operators."),
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = OrgPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation post")
        verbose_name_plural = _("organisation posts")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "orgs:orgpost-detail", kwargs={"org_slug": self.org.slug, "post_id": self.pk}
        )


class OrgPromotionPolicy(models.Model):
    """How often one organisation may publish sponsored posts; one row, edited by operators."""

    max_sponsored_per_30_days = models.PositiveSmallIntegerField(
        _("sponsored posts per organisation per 30 days"), default=2
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("promotion policy")
        verbose_name_plural = _("promotion policy")

    def __str__(self) -> str:
        return f"{self.max_sponsored_per_30_days} per 30 days"

    @classmethod
    def current(cls) -> OrgPromotionPolicy:
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy
