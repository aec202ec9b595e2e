"""Everything that changes reputation goes through these functions.

Posts calls them inside the transaction of the vote, accept or deletion, so
the ledger row, the cached total and the event commit together.
"""

from deepcommons.reputation.services.ledger import (
    adjust,
    grant,
    record_accept,
    record_unaccept,
    record_vote,
    restore_post,
    reverse_key,
    reverse_post,
    reverse_rows,
)
from deepcommons.reputation.services.recompute import Difference, find_differences, recompute_totals

__all__ = [
    "Difference",
    "adjust",
    "find_differences",
    "grant",
    "recompute_totals",
    "record_accept",
    "record_unaccept",
    "record_vote",
    "restore_post",
    "reverse_key",
    "reverse_post",
    "reverse_rows",
]
