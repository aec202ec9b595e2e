"""Badge awards. The badges themselves are code objects in
`reputation.badges` (one registry); a row records that a member earned one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BadgeAward(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badge_awards"
    )
    # The slug of a badge in the registry ("first-accepted", "tag-silver").
    badge = models.CharField(max_length=60)
    # What earned it, for badges awarded per post or per tag.
    post = models.ForeignKey(
        "posts.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tag = models.ForeignKey(
        "spaces.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Unique: the award task may run any number of times and never awards
    # twice. "<badge>:<user>" for once-only badges, "<badge>:<user>:<post or
    # tag>" for those earned per post or per tag.
    key = models.CharField(max_length=120, unique=True)
    awarded_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-awarded_at", "-pk"]
        indexes = [models.Index(fields=["badge", "awarded_at"], name="reputation_badge_time")]
        verbose_name = _("badge award")
        verbose_name_plural = _("badge awards")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.badge}"


class DailyVisit(models.Model):
    """One row per member per day (in UTC) they were seen: days visited,
    streaks, the activity heatmap and trust levels read it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_visits"
    )
    day = models.DateField()
    # Reading done that day: threads opened and posts (answers, replies) shown.
    topics_entered = models.PositiveIntegerField(default=0)
    posts_read = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="reputation_one_visit_per_day")
        ]
        verbose_name = _("daily visit")
        verbose_name_plural = _("daily visits")

    def __str__(self) -> str:
        return f"{self.user_id} on {self.day}"
