"""Writes of the operations console: snapshot recomputes (and the churn digest)."""

from deepcommons.ops.services.recompute import recompute_snapshots, request_recompute

__all__ = ["recompute_snapshots", "request_recompute"]
