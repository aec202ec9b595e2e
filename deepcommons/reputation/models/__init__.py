from deepcommons.reputation.models.ledger import Cause, Reason, ReputationChange

__all__ = ["Cause", "Reason", "ReputationChange"]
