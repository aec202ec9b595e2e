"""Moderation's models: the audit log, flags, review items and close votes."""

from deepcommons.moderation.models.audit import AuditAction, AuditEntry

__all__ = ["AuditAction", "AuditEntry"]
