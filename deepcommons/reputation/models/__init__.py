from deepcommons.reputation.models.badges import BadgeAward, DailyVisit
from deepcommons.reputation.models.bounties import Bounty, BountyStatus
from deepcommons.reputation.models.ledger import Cause, Reason, ReputationChange

__all__ = [
    "BadgeAward",
    "Bounty",
    "BountyStatus",
    "Cause",
    "DailyVisit",
    "Reason",
    "ReputationChange",
]
