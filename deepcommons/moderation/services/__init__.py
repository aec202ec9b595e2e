"""Moderation's write services, one module per domain verb, re-exported here."""

from deepcommons.moderation.services.audit import log_action, snapshot

__all__ = ["log_action", "snapshot"]
