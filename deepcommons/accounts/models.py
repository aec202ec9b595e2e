"""Users, their profiles and personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts import privileges
from deepcommons.accounts.validators import username_validators, validate_plain_text

DELETED_USERNAME = "deleted"
# What a member edits on the profile page (and the export and admin show).
PROFILE_FIELDS = (
    "display_name",
    "bio",
    "location",
    "website",
    "github",
    "google_scholar",
    "orcid",
    "skills",
    "research_interests",
    "preferred_language",
    "timezone",
)
TIMEZONE_CHOICES = [("UTC", "UTC")] + [
    (tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz
]


class UserQuerySet(models.QuerySet["User"]):
    def active(self) -> UserQuerySet:
        return self.filter(is_active=True).exclude(username=DELETED_USERNAME)

    def by_username(self, username: str) -> UserQuerySet:
        return self.filter(username__iexact=username)

    def search(self, text: str) -> UserQuerySet:
        """Members whose username or display name contains `text` (any case);
        everyone for an empty `text`."""
        if not text:
            return self
        return self.filter(
            models.Q(username__icontains=text) | models.Q(display_name__icontains=text)
        )

    def by_usernames(self, names: Iterable[str]) -> UserQuerySet:
        """Users called any of `names`, in any case; each row carries `lower_name`."""
        lowered = {name.lower() for name in names}
        return self.annotate(lower_name=Lower("username")).filter(lower_name__in=lowered)

    def named(self, names: Iterable[str]) -> tuple[list[User], list[str]]:
        """The users called `names` (any case, a leading @ ignored), in the order
        first named and each once, and the lower-cased names nobody has (one query)."""
        lowered = list(dict.fromkeys(name.lstrip("@").lower() for name in names))
        # Usernames are ASCII, so Python's lower() agrees with the database's LOWER().
        found = {user.username.lower(): user for user in self.by_usernames(lowered)}
        return [found[n] for n in lowered if n in found], [n for n in lowered if n not in found]


class DeepCommonsUserManager(UserManager["User"]):
    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(username__iexact=username)

    def active(self) -> UserQuerySet:
        return self.get_queryset().active()

    def by_username(self, username: str) -> UserQuerySet:
        return self.get_queryset().by_username(username)

    def by_usernames(self, names: Iterable[str]) -> UserQuerySet:
        return self.get_queryset().by_usernames(names)


def avatar_path(instance: User, filename: str) -> str:
    # A random name, so a new avatar is a new URL (no stale caches).
    return f"avatars/{instance.pk}/{secrets.token_hex(8)}.{filename.rsplit('.', 1)[-1]}"


class TrustLevel(models.IntegerChoices):
    NEW = 0, _("new")
    BASIC = 1, _("basic")
    MEMBER = 2, _("member")
    REGULAR = 3, _("regular")
    LEADER = 4, _("leader")


class User(AbstractUser):
    """A member. The username is unique regardless of case."""

    username = models.CharField(
        _("username"),
        max_length=30,
        validators=username_validators,
        help_text=_("3–30 characters: English letters, digits, _ and -."),
        error_messages={"unique": _("A user with that username already exists.")},
        unique=True,
    )
    email = models.EmailField(_("email address"), blank=True)
    display_name = models.CharField(
        _("display name"), max_length=50, blank=True, validators=[validate_plain_text]
    )
    avatar = models.ImageField(_("avatar"), upload_to=avatar_path, blank=True)
    bio = models.TextField(_("bio"), max_length=5000, blank=True)
    bio_html = models.TextField(blank=True, editable=False)
    location = models.CharField(_("location"), max_length=100, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    github = models.CharField(_("GitHub"), max_length=39, blank=True)
    google_scholar = models.CharField(_("Google Scholar"), max_length=12, blank=True)
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    research_interests = models.JSONField(_("research interests"), default=list, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="UTC", blank=True
    )

    # 1 + the sum of the member's reputation ledger, kept exact by
    # reputation.services in the transaction of each change.
    reputation = models.IntegerField(_("reputation"), default=1, editable=False)
    # Badge counts by class, kept by reputation's award task with F(), so an
    # author line shows them without a query.
    gold_badges = models.PositiveIntegerField(default=0, editable=False)
    silver_badges = models.PositiveIntegerField(default=0, editable=False)
    bronze_badges = models.PositiveIntegerField(default=0, editable=False)
    # Discourse-style trust level (TrustLevel), recomputed nightly by
    # reputation from reading and participation; "leader" is set by hand.
    trust_level = models.PositiveSmallIntegerField(
        _("trust level"), choices=TrustLevel.choices, default=TrustLevel.NEW
    )
    trust_level_locked = models.BooleanField(_("trust level set by hand"), default=False)
    # Set by moderation's suspend and silence actions; posts and social
    # refuse writes while they are in the future.
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    suspension_reason = models.CharField(_("suspension reason"), max_length=500, blank=True)
    silenced_until = models.DateTimeField(_("silenced until"), null=True, blank=True)

    objects = DeepCommonsUserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def name(self) -> str:
        """What pages show: the display name, else the username."""
        return self.display_name or self.username

    @property
    def is_deleted_placeholder(self) -> bool:
        return self.username == DELETED_USERNAME

    @property
    def is_moderator(self) -> bool:
        return (
            self.is_superuser
            or self.groups.filter(name__in=["Moderators", "Administrators"]).exists()
        )

    @property
    def is_operator(self) -> bool:
        """May read the operations console: administrators and the Operators group.

        Moderators are staff (they use the admin) but not operators.
        """
        if "_operator" not in self.__dict__:
            self.__dict__["_operator"] = self.is_active and (
                self.is_superuser or self.groups.filter(name="Operators").exists()
            )
        return bool(self.__dict__["_operator"])

    # --- privileges (accounts/privileges.py has the thresholds) ------------
    def has_privilege(self, name: str) -> bool:
        """Reputation at or above the privilege's threshold, or a moderator."""
        if self.reputation >= privileges.BY_NAME[name].threshold:
            return True
        return self.is_staff or self._is_moderator_cached()

    def privilege_refusal(self, name: str) -> str:
        """Empty when the member holds `name`, else the reason shown to them."""
        if self.has_privilege(name):
            return ""
        return privileges.refusal(name, reputation=self.reputation)

    def held_privileges(self) -> list[privileges.Privilege]:
        return [p for p in privileges.PRIVILEGES if self.has_privilege(p.name)]

    def can_upvote(self) -> bool:
        return self.has_privilege("upvote")

    def can_comment_everywhere(self) -> bool:
        return self.has_privilege("comment")

    def can_downvote(self) -> bool:
        return self.has_privilege("downvote")

    def can_create_tags(self) -> bool:
        return self.has_privilege("create_tags")

    def can_see_vote_split(self) -> bool:
        return self.has_privilege("see_vote_split")

    def can_edit_without_review(self) -> bool:
        return self.has_privilege("edit_without_review")

    def can_vote_to_close(self) -> bool:
        return self.has_privilege("vote_to_close")

    def can_use_moderation_tools(self) -> bool:
        return self.has_privilege("moderation_tools")

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @property
    def is_silenced(self) -> bool:
        """Silenced members read but cannot post, comment, vote or message."""
        return self.is_suspended or (
            self.silenced_until is not None and self.silenced_until > timezone.now()
        )

    def _is_moderator_cached(self) -> bool:
        # One group query per user object, however many buttons ask.
        if "_moderator" not in self.__dict__:
            self.__dict__["_moderator"] = self.is_moderator
        return bool(self.__dict__["_moderator"])

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile-detail", kwargs={"username": self.username})

    def links(self) -> list[tuple[str, str]]:
        """(label, url) pairs for the profile's external links."""
        result: list[tuple[str, str]] = []
        if self.website:
            result.append((str(_("Website")), self.website))
        if self.github:
            result.append(("GitHub", f"https://github.com/{self.github}"))
        if self.google_scholar:
            result.append(
                (
                    "Google Scholar",
                    f"https://scholar.google.com/citations?user={self.google_scholar}",
                )
            )
        if self.orcid:
            result.append(("ORCID", f"https://orcid.org/{self.orcid}"))
        return result


def user_display(user: Any) -> str:
    """allauth's ACCOUNT_USER_DISPLAY."""
    return str(getattr(user, "name", None) or getattr(user, "username", ""))


def get_deleted_user() -> User:
    """The placeholder that content of deleted accounts is attributed to.

    Use `on_delete=models.SET(get_deleted_user)` on content foreign keys.
    """
    user, _created = User.objects.get_or_create(
        username=DELETED_USERNAME,
        defaults={"display_name": "", "is_active": False, "email": ""},
    )
    return user


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal token for `Authorization: Bearer …`. Only its SHA-256 is stored."""

    PREFIX = "dc_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=60, validators=[validate_plain_text])
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def generate_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
