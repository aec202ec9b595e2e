from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user


class AuditAction(models.TextChoices):
    """Every kind of moderator action the log records."""

    FLAG_HELPFUL = "flag_helpful", _("flag marked helpful")
    FLAG_DECLINED = "flag_declined", _("flag declined")
    AUTO_HIDE = "auto_hide", _("hidden by flags")
    REVIEW = "review", _("review")
    CLOSE_VOTE = "close_vote", _("close vote")
    REOPEN_VOTE = "reopen_vote", _("reopen vote")
    CLOSE = "close", _("close")
    REOPEN = "reopen", _("reopen")
    LOCK = "lock", _("lock")
    UNLOCK = "unlock", _("unlock")
    PIN = "pin", _("pin")
    UNPIN = "unpin", _("unpin")
    FEATURE = "feature", _("feature")
    UNFEATURE = "unfeature", _("unfeature")
    MOVE = "move", _("move")
    MERGE = "merge", _("merge")
    HOLD = "hold", _("hold")
    RELEASE = "release", _("release")
    DELETE = "delete", _("delete")
    UNDELETE = "undelete", _("undelete")
    DELETE_COMMENT = "delete_comment", _("delete comment")
    APPROVE_EDIT = "approve_edit", _("approve suggested edit")
    REJECT_EDIT = "reject_edit", _("reject suggested edit")
    SUSPEND = "suspend", _("suspend")
    UNSUSPEND = "unsuspend", _("unsuspend")
    SILENCE = "silence", _("silence")
    UNSILENCE = "unsilence", _("unsilence")
    DESTROY_SPAMMER = "destroy_spammer", _("destroy spammer")
    RATE_LIMIT = "rate_limit", _("rate limit")
    SPAM = "spam", _("spam")
    SERIAL_VOTING = "serial_voting", _("serial voting")
    OTHER = "other", _("other")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_browsing(self) -> AuditEntryQuerySet:
        return self.select_related("actor", "target_type")

    def filtered(
        self,
        *,
        action: str = "",
        actor: str = "",
        target_type: str = "",
        since: Any = None,
        until: Any = None,
    ) -> AuditEntryQuerySet:
        """The rows matching every given filter; empty filters are ignored.

        `actor` is a username (case-insensitive), `target_type` a model label
        ("posts.post"), `since`/`until` dates, both days included."""
        queryset = self
        if action:
            queryset = queryset.filter(action=action)
        if actor:
            queryset = queryset.filter(actor__username__iexact=actor)
        if target_type:
            app_label, _dot, model = target_type.partition(".")
            queryset = queryset.filter(target_type__app_label=app_label, target_type__model=model)
        if since:
            queryset = queryset.filter(created_at__date__gte=since)
        if until:
            queryset = queryset.filter(created_at__date__lte=until)
        return queryset

    def for_target(self, target: models.Model) -> AuditEntryQuerySet:
        return self.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        )


class AuditEntry(models.Model):
    """One moderator action, kept for good: nobody edits or deletes these rows.

    The target is named by content type and id, with a text snapshot taken at
    the time, so the entry still reads well after the target is gone."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET(get_deleted_user),
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_repr = models.CharField(_("target"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    before = models.JSONField(_("before"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, blank=True, encoder=DjangoJSONEncoder)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="moderation_audit_target"),
            models.Index(fields=["action", "-created_at"], name="moderation_audit_action"),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.action} {self.target_repr}"

    @property
    def target_label(self) -> str:
        return self.target_type.model if self.target_type is not None else ""
