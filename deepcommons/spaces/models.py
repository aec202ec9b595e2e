"""Spaces (sub-communities) and tags, with tag synonyms that redirect and
tag wikis that keep every revision."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user
from deepcommons.spaces.validators import validate_space_slug

TAG_MAX_LENGTH = 35
TAG_DESCRIPTION_MAX = 300
TAG_WIKI_MAX = 40_000
NOTE_MAX = 200


class SpaceQuerySet(models.QuerySet["Space"]):
    def by_activity(self) -> SpaceQuerySet:
        return self.order_by(models.F("last_activity_at").desc(nulls_last=True), "position", "pk")


def _powers_of(user: Any, powers: Any) -> Any:
    """`powers` (spaces.moderation.ModeratorPowers), read for `user` when not given."""
    if powers is None:
        from deepcommons.spaces.moderation import moderator_powers

        powers = moderator_powers(user)
    return powers


class Space(models.Model):
    """A sub-community such as Computer Vision or 中文综合, named in both languages."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True, validators=[validate_space_slug])
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    icon = models.CharField(_("icon"), max_length=8, blank=True, help_text=_("An emoji."))
    colour = models.CharField(_("colour"), max_length=7, default="#2563eb")
    language = models.CharField(
        _("language"), max_length=10, blank=True, choices=settings.LANGUAGES
    )
    rules = models.TextField(_("rules"), blank=True)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="moderated_spaces"
    )
    position = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # The page lists posts, so the posts app serves it.
        return reverse("posts:space-detail", kwargs={"space_slug": self.slug})

    @property
    def name(self) -> str:
        """The name in the active language (Chinese for zh-*, else English)."""
        if (translation.get_language() or "").startswith("zh"):
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh

    @property
    def description(self) -> str:
        if (translation.get_language() or "").startswith("zh"):
            return self.description_zh or self.description_en
        return self.description_en or self.description_zh

    # --- who may do what -------------------------------------------------
    def can_be_managed_by(self, user: Any, *, powers: Any = None) -> bool:
        """The settings page: site staff and moderators, and this space's moderators.

        Pass `powers` (spaces.moderation.ModeratorPowers) when already known.
        """
        if not user.is_authenticated:
            return False
        return bool(user.is_staff or _powers_of(user, powers).covers(self.pk))

    @staticmethod
    def can_appoint_moderators(user: Any, *, powers: Any = None) -> bool:
        """Adding or removing a space's moderators: site staff and moderators only."""
        if not user.is_authenticated:
            return False
        return bool(user.is_staff or _powers_of(user, powers).site)

    @staticmethod
    def can_be_created_by(user: Any) -> bool:
        """A new space: whoever may add one in the admin (administrators; moderators
        only if an administrator grants them `spaces.add_space`)."""
        if not user.is_authenticated or not user.is_staff:
            return False
        return bool(user.has_perm("spaces.add_space"))


class TagQuerySet(models.QuerySet["Tag"]):
    def popular(self) -> TagQuerySet:
        return self.order_by("-usage_count", "name")


class Tag(models.Model):
    """A lower-case tag such as `pytorch`; `usage_count` counts live posts using it."""

    name = models.CharField(_("name"), max_length=TAG_MAX_LENGTH, unique=True)
    # The excerpt shown in lists and on the tag's page, plain text.
    description = models.CharField(_("description"), max_length=TAG_DESCRIPTION_MAX, blank=True)
    wiki = models.TextField(_("wiki"), max_length=TAG_WIKI_MAX, blank=True)
    # Rendered by spaces.services.update_tag_wiki on every edit, never by hand.
    wiki_html = models.TextField(blank=True, editable=False)
    usage_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [models.UniqueConstraint(Lower("name"), name="spaces_tag_name_ci_unique")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("posts:tag-detail", kwargs={"tag_name": self.name})

    def can_be_edited_by(self, user: Any, *, powers: Any = None) -> bool:
        """The wiki, excerpt and synonyms: site staff and site moderators.

        Tags belong to no space (one tag runs across all of them), so a
        space's moderators do not curate them.
        """
        if not user.is_authenticated:
            return False
        return bool(user.is_staff or _powers_of(user, powers).site)


class TagSynonym(models.Model):
    """`torch` → `pytorch`: using or visiting the synonym means the tag."""

    name = models.CharField(_("name"), max_length=TAG_MAX_LENGTH, unique=True)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="synonyms")

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag synonym")
        verbose_name_plural = _("tag synonyms")

    def __str__(self) -> str:
        return f"{self.name} → {self.tag.name}"


class TagWikiRevision(models.Model):
    """A tag's excerpt and wiki after one edit; number 1 is the oldest kept.

    `author` is None only for the text a tag had before revisions were kept.
    """

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="wiki_revisions")
    number = models.PositiveIntegerField()
    description = models.CharField(_("description"), max_length=TAG_DESCRIPTION_MAX, blank=True)
    wiki = models.TextField(_("wiki"), max_length=TAG_WIKI_MAX, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET(get_deleted_user),
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["tag", "number"], name="spaces_tagwikirevision_number")
        ]
        verbose_name = _("tag wiki revision")
        verbose_name_plural = _("tag wiki revisions")

    def __str__(self) -> str:
        return f"{self.tag_id} r{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "spaces:tag-wiki-revision", kwargs={"tag_name": self.tag.name, "number": self.number}
        )

    def as_text(self) -> str:
        """Excerpt and wiki as one text, for diffs."""
        return f"{self.description}\n\n{self.wiki}"
