"""Moderation's models: the audit log, flags, review items and close votes."""

from deepcommons.moderation.models.audit import AuditAction, AuditEntry
from deepcommons.moderation.models.flags import (
    HIDING_REASONS,
    Flag,
    FlaggerRecord,
    FlagReason,
    FlagStatus,
)
from deepcommons.moderation.models.review import (
    CloseReason,
    CloseVote,
    Outcome,
    Queue,
    ReviewItem,
    ReviewStatus,
    VoteKind,
)

__all__ = [
    "HIDING_REASONS",
    "AuditAction",
    "AuditEntry",
    "CloseReason",
    "CloseVote",
    "Flag",
    "FlagReason",
    "FlagStatus",
    "FlaggerRecord",
    "Outcome",
    "Queue",
    "ReviewItem",
    "ReviewStatus",
    "VoteKind",
]
